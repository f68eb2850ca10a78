import { BufferJSON, proto, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { z } from 'zod';

/**
 * A WhatsApp message as the inbox keeps it. The key is stored as it came, beside the rest: Baileys 7
 * adds addressing to it (`participantAlt`, `remoteJidAlt`) that the protobuf does not know and would drop.
 */
const storedSchema = z.object({
  key: z.object({
    remoteJid: z.string(),
    id: z.string(),
    fromMe: z.boolean().nullish(),
    participant: z.string().nullish(),
    participantAlt: z.string().optional(),
    remoteJidAlt: z.string().optional(),
    addressingMode: z.string().optional(),
  }),
  info: z.record(z.string(), z.unknown()),
});

/** One row per message: Baileys delivers a message again after a reconnect, with the same chat and id. */
export function inboxKeyOf(key: { remoteJid: string; id: string }): string {
  return `whatsapp:${key.remoteJid}:${key.id}`;
}

export function storeMessage(message: WAMessage): string {
  return JSON.stringify({ key: message.key, info: message }, BufferJSON.replacer);
}

/** The stored message as Baileys made it (a real `WebMessageInfo`, with v7's key). */
export function readStoredMessage(payload: string): WAMessage & { key: WAMessageKey & { remoteJid: string; id: string } } {
  const stored = storedSchema.parse(JSON.parse(payload, BufferJSON.reviver));
  const message = proto.WebMessageInfo.fromObject(stored.info) as WAMessage;
  const { remoteJid, id, fromMe, participant, ...addressing } = stored.key;
  const key = { remoteJid, id, fromMe: fromMe ?? false, ...(participant ? { participant } : {}), ...addressing };
  return Object.assign(message, { key });
}
