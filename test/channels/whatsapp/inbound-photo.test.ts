import type { WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { toInbound, type PeopleLookup } from '../../../src/channels/whatsapp/inbound.js';

const lookup: PeopleLookup = { group: async () => null, pnForLid: async () => null };
const PRIVATE = '6281234567890@s.whatsapp.net';

const image = (remoteJid: string, caption?: string, answers?: string): WAMessage =>
  ({
    key: { remoteJid, id: 'IMG1', fromMe: false, participant: remoteJid.endsWith('@g.us') ? PRIVATE : undefined },
    pushName: 'Bu Ani',
    message: {
      imageMessage: {
        mimetype: 'image/jpeg',
        ...(caption ? { caption } : {}),
        ...(answers ? { contextInfo: { stanzaId: answers, participant: PRIVATE } } : {}),
      },
    },
  }) as WAMessage;
const GROUP = '1203630@g.us';
const groupLookup: PeopleLookup = {
  group: async () => ({ id: GROUP, subject: 'RT 05', participants: [{ id: PRIVATE, admin: null }] }) as never,
  pnForLid: async () => null,
};

describe('WhatsApp photos', () => {
  it('hands a photo in a private chat to the core with its message key as the reference, the caption as text', async () => {
    expect(await toInbound(image(PRIVATE), lookup)).toMatchObject({
      chat: { kind: 'private', id: PRIVATE },
      text: '',
      photo: { ref: `${PRIVATE}:IMG1` },
    });
    expect((await toInbound(image(PRIVATE, 'rumahnya'), lookup))?.text).toBe('rumahnya');
  });

  it('ignores a photo in a group that neither carries a command nor answers a message', async () => {
    expect(await toInbound(image(GROUP, 'foto'), groupLookup)).toBeNull();
  });

  it('hands a group photo to the core when its caption is a command (a nota) or it answers a message (a proof)', async () => {
    const captioned = await toInbound(image(GROUP, '.keluar 50rb kas beli sapu'), groupLookup);
    expect(captioned).toMatchObject({ chat: { kind: 'group', id: GROUP }, text: '/keluar 50rb kas beli sapu', photo: { ref: `${GROUP}:IMG1` } });
    expect(captioned?.replyTo).toBeUndefined();
    expect(typeof captioned?.photo?.load).toBe('function');
    expect(await toInbound(image(GROUP, undefined, 'SETOR7'), groupLookup)).toMatchObject({ text: '', replyTo: { messageId: 'SETOR7' }, photo: { ref: `${GROUP}:IMG1` } });
  });
});
