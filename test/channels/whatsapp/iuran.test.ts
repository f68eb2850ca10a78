import { encryptedStream, type GroupMetadata } from '@whiskeysockets/baileys';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWhatsApp, type TestWhatsApp } from '../../helpers/whatsapp-adapter.js';
import { createFakeSocket, waMessage, type MessageSpec } from '../../helpers/whatsapp-socket.js';
import { createTestClock, createWorld, type World } from '../../helpers/world.js';

/**
 * Iuran end to end over WhatsApp: households, an iuran, a payment with its nota photo as the caption's
 * image, arrears and a member's own status in a private chat. The photo is served encrypted, as WhatsApp's
 * media servers serve it, from a loopback HTTP server, so Baileys' own downloadMediaMessage fetches and
 * decrypts it.
 */
const GROUP = '120363041234567890@g.us';
const SRI = { lid: '111111111111111@lid', pn: '6281111111111@s.whatsapp.net' };
const BUDI = { lid: '222222222222222@lid', pn: '6282222222222@s.whatsapp.net' };

const metadata: GroupMetadata = {
  id: GROUP,
  subject: 'RT 05 Sukamaju',
  owner: undefined,
  addressingMode: 'lid' as GroupMetadata['addressingMode'],
  participants: [
    { id: SRI.lid, phoneNumber: SRI.pn, admin: 'admin' },
    { id: BUDI.lid, phoneNumber: BUDI.pn, notify: 'Pak Budi', admin: null },
  ],
};

/** One encrypted image on a loopback "media server", counting the downloads. */
async function mediaServer(plain: Buffer) {
  const encrypted = await encryptedStream(plain, 'image');
  const body = await readFile(encrypted.encFilePath);
  await rm(encrypted.encFilePath, { force: true });
  let downloads = 0;
  const server: Server = createServer((request, response) => {
    downloads++;
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v/t62.7118-24/nota.enc`;
  return {
    image: { url, mediaKey: encrypted.mediaKey, fileEncSha256: encrypted.fileEncSha256, fileSha256: encrypted.fileSha256, fileLength: encrypted.fileLength },
    downloads: () => downloads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let world: World;
let fake: ReturnType<typeof createFakeSocket>;
let wa: TestWhatsApp;
let counter = 0;
const clock = createTestClock();

beforeEach(async () => {
  clock.set(new Date(Date.now() + 60_000));
  world = await createWorld({ clock });
  fake = createFakeSocket();
  fake.groups.set(GROUP, metadata);
  wa = startWhatsApp(world, fake);
});
afterEach(async () => {
  await wa.stop();
  await world.close();
});

function inGroup(text: string, spec: Partial<MessageSpec> = {}) {
  return waMessage({ id: `MSG${++counter}`, chat: GROUP, participant: SRI.lid, participantAlt: SRI.pn, pushName: 'Bu Sri', text, ...spec });
}
const fromBudi = (text: string) => inGroup(text, { participant: BUDI.lid, participantAlt: BUDI.pn, pushName: 'Pak Budi' });
const budiPrivately = (text: string) => waMessage({ id: `MSG${++counter}`, chat: BUDI.pn, pushName: 'Pak Budi', text });
const deliver = (messages: ReturnType<typeof waMessage>[]) => wa.deliver(messages);

describe('iuran over WhatsApp', () => {
  it('records a household payment with its nota photo, shows who owes, and a member their own status', async () => {
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    await deliver([inGroup('.kk tambah Pak Budi, RT 03'), inGroup('.kk tambah Bu Ani, RT 04')]);
    expect(await deliver([fromBudi('.kk gabung Pak Budi')])).toEqual([expect.stringContaining('Pak Budi tercatat di KK Pak Budi')]);
    expect((await deliver([inGroup('.iuran tambah kematian 10rb bulanan')])).join('\n')).toContain('Iuran Kematian Rp10.000 per bulan per KK');

    const nota = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('nota setoran'), randomBytes(4096)]);
    const media = await mediaServer(nota);
    try {
      const photo = inGroup('', { content: { imageMessage: { ...media.image, mimetype: 'image/jpeg', caption: '.setor 10rb kematian dari KK Pak Budi' } } });
      const answer = (await deliver([photo])).join('\n');
      expect(answer).toMatch(/✅ #1 Setoran Rp10\.000/);
      expect(answer).toMatch(/Iuran Kematian KK Pak Budi: \S+ \d{4} lunas/);
      expect(answer).toContain('📎 Foto bukti untuk #1 disimpan');
      expect(media.downloads()).toBe(1);
      // What was kept is the image itself, decrypted by Baileys, typed from its bytes.
      const proof = await world.db.read.proof.findFirstOrThrow();
      expect(proof.sha256).toBe(createHash('sha256').update(nota).digest('hex'));
      expect(proof.mimeType).toBe('image/jpeg');

      // WhatsApp delivers the same message again (a reconnect): nothing is fetched or kept twice.
      await deliver([photo]);
      expect(media.downloads()).toBe(1);
      expect(await world.db.read.proof.count()).toBe(1);
      expect(await world.db.read.ledgerEntry.count()).toBe(1);
    } finally {
      await media.close();
    }

    // Arrears: the group gets counts only; the ketua's /bukti goes to her private chat as a document.
    const owed = (await deliver([fromBudi('.tunggakan')])).join('\n');
    expect(owed).toContain('Kematian: 1 dari 2 KK sudah lunas');
    expect(owed).not.toContain('Bu Ani');
    const before = fake.sent.length;
    expect((await deliver([inGroup('.bukti 1')]))[0]).toContain('1 foto bukti #1 dikirim ke chat pribadi');
    const afterwards = fake.sent.slice(before);
    expect(afterwards.filter((sent) => sent.jid === GROUP).map((sent) => sent.text)).toEqual([expect.stringContaining('dikirim ke chat pribadi')]);
    const document = afterwards.find((sent) => 'document' in sent.content);
    expect(document?.jid).toBe(SRI.pn);
    expect(document?.content).toMatchObject({ fileName: 'bukti-1-1.jpg', mimetype: 'image/jpeg' });

    // Pak Budi asks privately: his household is paid up.
    const mine = (await deliver([budiPrivately('.iuran saya')])).join('\n');
    expect(mine).toContain('KK Pak Budi');
    expect(mine).toMatch(/Kematian.*lunas/s);

    // A "photo" that is no image is refused and nothing is kept.
    const fake2 = await mediaServer(Buffer.from('%PDF-1.4 bukan foto'));
    try {
      const pdf = inGroup('', { content: { imageMessage: { ...fake2.image, mimetype: 'image/jpeg', caption: '.keluar 5rb kematian beli map' } } });
      expect((await deliver([pdf])).join('\n')).toContain('bukan foto (JPEG, PNG atau WebP)');
      expect(await world.db.read.proof.count()).toBe(1);
    } finally {
      await fake2.close();
    }
  });
});
