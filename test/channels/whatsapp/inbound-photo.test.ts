import type { WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { toInbound, type PeopleLookup } from '../../../src/channels/whatsapp/inbound.js';

const lookup: PeopleLookup = { group: async () => null, pnForLid: async () => null };
const PRIVATE = '6281234567890@s.whatsapp.net';

const image = (remoteJid: string, caption?: string): WAMessage =>
  ({
    key: { remoteJid, id: 'IMG1', fromMe: false, participant: remoteJid.endsWith('@g.us') ? PRIVATE : undefined },
    pushName: 'Bu Ani',
    message: { imageMessage: { mimetype: 'image/jpeg', ...(caption ? { caption } : {}) } },
  }) as WAMessage;

describe('WhatsApp photos', () => {
  it('hands a photo in a private chat to the core with its message key as the reference, the caption as text', async () => {
    expect(await toInbound(image(PRIVATE), lookup)).toMatchObject({
      chat: { kind: 'private', id: PRIVATE },
      text: '',
      photo: { ref: `${PRIVATE}:IMG1` },
    });
    expect((await toInbound(image(PRIVATE, 'rumahnya'), lookup))?.text).toBe('rumahnya');
  });

  it('ignores a photo in a group', async () => {
    expect(await toInbound(image('1203630@g.us', 'foto'), lookup)).toBeNull();
  });
});
