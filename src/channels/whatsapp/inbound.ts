import {
  downloadMediaMessage,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isLidUser,
  isPnUser,
  jidDecode,
  jidNormalizedUser,
  normalizeMessageContent,
  type GroupMetadata,
  type GroupParticipant,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { withoutInvisibleEdges, type Inbound, type Mention, type PhotoFile } from '../../core/index.js';

/** What the mapping may ask about the people in a message. */
export interface PeopleLookup {
  group(jid: string): Promise<GroupMetadata | null>;
  /** The phone-number JID Baileys has learnt for a LID, if any. */
  pnForLid(lid: string): Promise<string | null>;
}

/** `.setor 5000 kas` and `!saldo` are how WhatsApp users type commands; the core reads `/`. */
export function commandText(text: string): string {
  const trimmed = withoutInvisibleEdges(text);
  return /^[.!][a-z]/i.test(trimmed) ? `/${trimmed.slice(1)}` : trimmed;
}

/** The text of a text message (plain, or extended with a quote, tags or a link), else null. */
export function textOf(message: WAMessage): string | null {
  // Unwraps disappearing-message and view-once envelopes, which many groups have switched on.
  const content = normalizeMessageContent(message.message);
  return content?.conversation || content?.extendedTextMessage?.text || null;
}

/** Downloads and decrypts a message's image from WhatsApp's media servers. */
async function loadImage(message: WAMessage, mimeType: string | null | undefined): Promise<PhotoFile> {
  const bytes = await downloadMediaMessage(message, 'buffer', {});
  return { bytes: new Uint8Array(bytes), mimeType: mimeType ?? 'image/jpeg' };
}

const sameUser = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && jidDecode(a)?.user === jidDecode(b)?.user && jidDecode(a)?.server === jidDecode(b)?.server;

function participantOf(metadata: GroupMetadata | null, jids: readonly string[]): GroupParticipant | undefined {
  return metadata?.participants.find((participant) =>
    jids.some((jid) => [participant.id, participant.lid, participant.phoneNumber].some((known) => sameUser(known, jid))),
  );
}

/**
 * The stable id of a person: their phone-number JID when it is known (in the message, in the group's
 * participant list, or in Baileys' LID mapping), else their LID. A LID is stable too, but a person
 * first seen by LID alone and later by phone number would be two people; see the README.
 */
async function personJid(
  jids: readonly (string | null | undefined)[],
  participant: GroupParticipant | undefined,
  lookup: PeopleLookup,
): Promise<string | null> {
  const known = jids.filter((jid): jid is string => !!jid).map(jidNormalizedUser);
  const pn = known.find((jid) => isPnUser(jid)) ?? (participant?.phoneNumber ? jidNormalizedUser(participant.phoneNumber) : undefined);
  if (pn) return pn;
  const lid = known.find((jid) => isLidUser(jid));
  if (lid) {
    const mapped = await lookup.pnForLid(lid);
    return mapped ? jidNormalizedUser(mapped) : lid;
  }
  return known[0] ?? null;
}

const numberName = (jid: string): string => (isPnUser(jid) ? `+${jidDecode(jid)?.user}` : (jidDecode(jid)?.user ?? jid));

async function mentionsOf(message: WAMessage, metadata: GroupMetadata | null, lookup: PeopleLookup): Promise<Mention[]> {
  const content = normalizeMessageContent(message.message);
  const tagged = content?.extendedTextMessage?.contextInfo?.mentionedJid ?? [];
  const mentions: Mention[] = [];
  for (const jid of tagged) {
    const user = jidDecode(jid)?.user;
    if (!user) continue;
    const participant = participantOf(metadata, [jid]);
    const id = await personJid([jid], participant, lookup);
    if (!id) continue;
    // The text shows the tag as `@` and the user part of the JID it was made with.
    mentions.push({ token: `@${user}`, id, name: participant?.notify || participant?.name || numberName(id) });
  }
  return mentions;
}

/** A LID and a phone-number JID seen to be one user. */
export interface IdentityPair {
  readonly lid: string;
  readonly pn: string;
}

/** The JIDs naming the sender: the participant in a group, the chat in a private one, each with its other addressing. */
const senderJidsOf = (message: WAMessage, group: boolean) =>
  (group ? [message.key.participant, message.key.participantAlt] : [message.key.remoteJid, message.key.remoteJidAlt]).filter(
    (jid): jid is string => !!jid,
  );

/**
 * Whether the bot reads this message at all: not its own, not a status update, broadcast list or
 * channel, and with text (or a photo in a private chat). Decided from the message alone, so it is
 * known before anything is stored.
 */
export function isReadable(message: WAMessage): message is WAMessage & { key: { remoteJid: string; id: string } } {
  const { key } = message;
  const chatJid = key.remoteJid;
  if (!chatJid || !key.id || key.fromMe || isJidBroadcast(chatJid) || isJidNewsletter(chatJid)) return false;
  return textOf(message) !== null || proofPhotoOf(message, isJidGroup(chatJid) ?? false) !== null;
}

/**
 * A photo's caption is its text. In a private chat it may be a report's picture; in a group only a
 * command caption (/setor with its nota) or an answer to a message (a proof) concerns the bot.
 */
function proofPhotoOf(message: WAMessage, group: boolean) {
  const found = normalizeMessageContent(message.message)?.imageMessage;
  const answers = found?.contextInfo?.stanzaId ?? undefined;
  return found && (!group || answers || commandText(found.caption ?? '').startsWith('/')) ? found : null;
}

/** The LID and the phone number of one user, where the JIDs, the participant list or Baileys' mapping know both. */
async function pairOf(jids: readonly string[], participant: GroupParticipant | undefined, lookup: PeopleLookup): Promise<IdentityPair | null> {
  const known = [...jids, participant?.id, participant?.lid, participant?.phoneNumber].filter((jid): jid is string => !!jid).map(jidNormalizedUser);
  const lid = known.find((jid) => isLidUser(jid));
  if (!lid) return null;
  const pn = known.find((jid) => isPnUser(jid)) ?? (await lookup.pnForLid(lid));
  return pn ? { lid, pn: jidNormalizedUser(pn) } : null;
}

/**
 * What this message reveals about who is who: the sender's and the tagged people's LID and phone
 * number, where both are known. The channel makes each pair one person before the core reads the message.
 */
export async function identityPairs(message: WAMessage, lookup: PeopleLookup): Promise<readonly IdentityPair[]> {
  const chatJid = message.key.remoteJid;
  if (!chatJid) return [];
  const group = isJidGroup(chatJid) ?? false;
  const metadata = group ? await lookup.group(chatJid) : null;
  const senders = senderJidsOf(message, group);
  const tagged = normalizeMessageContent(message.message)?.extendedTextMessage?.contextInfo?.mentionedJid ?? [];
  const pairs = await Promise.all([
    pairOf(senders, participantOf(metadata, senders), lookup),
    ...tagged.map((jid) => pairOf([jid], participantOf(metadata, [jid]), lookup)),
  ]);
  const unique = new Map(pairs.filter((pair): pair is IdentityPair => pair !== null).map((pair) => [`${pair.lid} ${pair.pn}`, pair]));
  return [...unique.values()];
}

/**
 * A private chat as the core knows it: by the person's number when the message carries it (a chat
 * WhatsApp addresses by LID comes with the number beside it), so a person has one conversation with the
 * bot (a report being written, where notices go) whichever addressing WhatsApp used. Read from the
 * message alone, so a message handled again is in the chat it was in the first time.
 */
function privateChatOf(key: WAMessage['key'] & { remoteJid: string }): string {
  const pn = [key.remoteJid, key.remoteJidAlt].find((jid) => !!jid && isPnUser(jid));
  return pn ? jidNormalizedUser(pn) : key.remoteJid;
}

/**
 * Turns one WhatsApp message into the core's `Inbound`, or null for what the bot does not read: its own
 * messages, status updates, broadcast lists, channels and anything without text (but a photo in a private chat,
 * and in a group a photo with a command caption or answering a message).
 */
export async function toInbound(message: WAMessage, lookup: PeopleLookup): Promise<Inbound | null> {
  if (!isReadable(message)) return null;
  const { key } = message;
  const chatJid = key.remoteJid;
  const group = isJidGroup(chatJid) ?? false;
  const image = proofPhotoOf(message, group);
  const answers = image?.contextInfo?.stanzaId ?? undefined;
  const text = textOf(message) ?? (image ? (image.caption ?? '') : null);
  if (text === null) return null;

  const metadata = group ? await lookup.group(chatJid) : null;
  const senderJids = senderJidsOf(message, group);
  const participant = participantOf(metadata, senderJids);
  const senderId = await personJid(senderJids, participant, lookup);
  if (!senderId) return null;

  return {
    chat: group
      ? { channel: 'whatsapp', id: chatJid, kind: 'group', ...(metadata?.subject ? { title: metadata.subject } : {}) }
      : { channel: 'whatsapp', id: privateChatOf(key), kind: 'private' },
    sender: {
      id: senderId,
      name: message.pushName?.trim() || participant?.notify || numberName(senderId),
      // Unknown metadata counts as not admin: /mulai must not be open to everyone because a query failed.
      ...(group ? { isChatAdmin: !!participant?.admin } : {}),
    },
    messageId: key.id,
    text: commandText(text),
    mentions: await mentionsOf(message, metadata, lookup),
    // The message's key is the reference; the image is downloaded only when the core keeps it (a proof).
    ...(image ? { photo: { ref: `${chatJid}:${key.id}`, load: () => loadImage(message, image.mimetype) } } : {}),
    ...(image && answers ? { replyTo: { messageId: answers } } : {}),
  };
}
