import type { GroupMetadata } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/index.js';
import { startWhatsApp, type TestWhatsApp } from '../../helpers/whatsapp-adapter.js';
import { createFakeSocket, waMessage, type MessageSpec } from '../../helpers/whatsapp-socket.js';
import { createWorld, type World } from '../../helpers/world.js';

const GROUP = '120363041234567890@g.us';
// Bu Sri is a group admin, seen by LID with her phone number beside it (WhatsApp's LID groups).
const SRI = { lid: '111111111111111@lid', pn: '6281111111111@s.whatsapp.net' };
// Pak Budi is a member; the group lists his phone number but the bot has never seen him write.
const BUDI = { lid: '222222222222222@lid', pn: '6282222222222@s.whatsapp.net' };

const metadata = (admins: readonly string[]): GroupMetadata => ({
  id: GROUP,
  subject: 'RT 05 Sukamaju',
  owner: undefined,
  addressingMode: 'lid' as GroupMetadata['addressingMode'],
  participants: [
    { id: SRI.lid, phoneNumber: SRI.pn, admin: admins.includes(SRI.lid) ? 'admin' : null },
    { id: BUDI.lid, phoneNumber: BUDI.pn, notify: 'Pak Budi', admin: admins.includes(BUDI.lid) ? 'admin' : null },
  ],
});

let world: World;
let fake: ReturnType<typeof createFakeSocket>;
let wa: TestWhatsApp;
let counter = 0;

beforeEach(async () => {
  world = await createWorld();
  fake = createFakeSocket();
  fake.groups.set(GROUP, metadata([SRI.lid]));
  wa = startWhatsApp(world, fake);
});
afterEach(async () => {
  await wa.stop();
  await world.close();
});

/** A text in the group from Bu Sri (unless another sender is given). */
function inGroup(text: string, spec: Partial<MessageSpec> = {}) {
  return waMessage({ id: `MSG${++counter}`, chat: GROUP, participant: SRI.lid, participantAlt: SRI.pn, pushName: 'Bu Sri', text, ...spec });
}

/** Pak Budi is made a group admin: the metadata changes and WhatsApp says so. */
function promoteBudi(admins: readonly string[]) {
  fake.groups.set(GROUP, metadata(admins));
  fake.socket.ev.emit('group-participants.update', {
    id: GROUP,
    author: SRI.lid,
    participants: [{ id: BUDI.lid, phoneNumber: BUDI.pn }],
    action: 'promote',
  });
}

/** Delivers the messages as WhatsApp does and returns the texts the bot sent in answer. */
const deliver = (messages: ReturnType<typeof waMessage>[], type: 'notify' | 'append' = 'notify') => wa.deliver(messages, type);

describe('WhatsApp adapter', () => {
  it('runs the ledger in a group: /mulai, .setor and !saldo, each answer quoting its command', async () => {
    const mulai = inGroup('/mulai WKSBM Sukamaju');
    expect(await deliver([mulai])).toEqual([expect.stringContaining('WKSBM Sukamaju terdaftar')]);
    expect(fake.sent[0]).toMatchObject({ jid: GROUP, options: { quoted: { key: { id: mulai.key.id } } } });

    const setor = inGroup('.setor 5000 kas');
    expect(await deliver([setor])).toEqual([expect.stringMatching(/^✅ #1 .*Saldo Kas: Rp5\.000/s)]);
    expect(fake.sent.at(-1)!.options?.quoted?.key.id).toBe(setor.key.id);
    expect(await deliver([inGroup('!saldo')])).toEqual([expect.stringContaining('Kas: Rp5.000')]);

    // The group is linked under its JID with its subject, and Bu Sri is known by her phone number.
    const chat = await world.db.read.chat.findFirstOrThrow();
    expect([chat.channel, chat.externalId, chat.title]).toEqual(['whatsapp', GROUP, 'RT 05 Sukamaju']);
    const identity = await world.db.read.identity.findFirstOrThrow({ include: { person: true } });
    expect([identity.externalId, identity.person.name]).toEqual([SRI.pn, 'Bu Sri']);
    // Metadata was asked once and then cached.
    expect(fake.metadataQueries()).toBe(1);
  });

  it('reads a command in an extended text (a quote, a link preview) and one in a disappearing-message envelope', async () => {
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    const extended = inGroup('', { content: { extendedTextMessage: { text: '/setor 2000 kas', contextInfo: { stanzaId: 'OLD1' } } } });
    const ephemeral = inGroup('', { content: { ephemeralMessage: { message: { conversation: '/setor 3000 kas' } } } });
    expect(await deliver([extended, ephemeral])).toEqual([
      expect.stringContaining('Saldo Kas: Rp2.000'),
      expect.stringContaining('Saldo Kas: Rp5.000'),
    ]);
  });

  it('ignores its own messages, status updates, broadcasts and messages without text', async () => {
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    const ignored = [
      inGroup('/setor 5000 kas', { fromMe: true }),
      waMessage({ id: 'S1', chat: 'status@broadcast', participant: SRI.pn, text: '/setor 5000 kas' }),
      waMessage({ id: 'B1', chat: '1700000000@broadcast', participant: SRI.pn, text: '/setor 5000 kas' }),
      inGroup('', { content: { imageMessage: { caption: undefined, mimetype: 'image/jpeg' } } }),
      inGroup('', { content: { reactionMessage: { text: '👍', key: { id: 'X' } } } }),
    ];
    expect(await deliver(ignored)).toEqual([]);
    expect(await world.db.read.ledgerEntry.count()).toBe(0);
  });

  it('lets only a group admin link the group with /mulai, and sees a promotion after group-participants.update', async () => {
    const budi = { participant: BUDI.lid, participantAlt: BUDI.pn, pushName: 'Pak Budi' };
    expect(await deliver([inGroup('/mulai WKSBM Sukamaju', budi)])).toEqual([expect.stringContaining('Hanya admin grup')]);
    expect(await world.db.read.wksbm.count()).toBe(0);

    promoteBudi([BUDI.lid]);
    expect(await deliver([inGroup('/mulai WKSBM Sukamaju', budi)])).toEqual([
      expect.stringContaining('Pak Budi tercatat sebagai ketua'),
    ]);
  });

  it('resolves @tags to people: /peran @tag and /setor … dari @tag', async () => {
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    const tag = '@222222222222222';
    expect(await deliver([inGroup(`/peran ${tag} bendahara`, { mentions: [BUDI.lid] })])).toEqual([
      '✅ Pak Budi sekarang bendahara (sebelumnya anggota).',
    ]);
    await deliver([inGroup(`/setor 10rb kematian dari ${tag}`, { mentions: [BUDI.lid] })]);
    const entry = await world.db.read.ledgerEntry.findFirstOrThrow({ include: { contributor: { include: { identities: true } } } });
    expect(entry.contributor?.name).toBe('Pak Budi');
    // Known by his number, and by the LID the tag used, which the group's list pairs with it.
    expect(entry.contributor?.identities.map((identity) => identity.externalId).sort()).toEqual([BUDI.lid, BUDI.pn]);

    // When Pak Budi then writes himself, he is the same person, already bendahara; his pengurus
    // rights hold while he is a group admin.
    const own = { participant: BUDI.lid, participantAlt: BUDI.pn, pushName: 'Budi S.' };
    expect(await deliver([inGroup('/keluar 1000 kematian beli bunga', own)])).toEqual([
      expect.stringContaining('tercatat sebagai bendahara, tetapi hak pengurus hanya berlaku bagi admin grup'),
    ]);
    promoteBudi([SRI.lid, BUDI.lid]);
    expect(await deliver([inGroup('/keluar 1000 kematian beli bunga', own)])).toEqual([
      expect.stringMatching(/^✅ #2 Pengeluaran/),
    ]);
  });

  it('applies and answers a message once, whether it came live, while offline (append), twice in one batch or again later', async () => {
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    const setor = inGroup('/setor 5000 kas');
    expect(await deliver([setor], 'append')).toHaveLength(1);
    expect(await deliver([setor, setor], 'notify')).toEqual([]);
    expect(await deliver([setor], 'append')).toEqual([]);

    // A new process (after a crash) that is handed the message again does not answer it again either.
    const restarted = startWhatsApp(world, fake);
    fake.upsert([setor]);
    await restarted.settle();
    await wa.settle();
    expect(fake.sent.filter((sent) => sent.options?.quoted?.key.id === setor.key.id)).toHaveLength(1);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
    expect(await world.db.read.inboxUpdate.count({ where: { key: `whatsapp:${GROUP}:${setor.key.id}` } })).toBe(1);
    await restarted.stop();
  });

  it('handles what a real socket buffered while catching up after being offline, once each, in order', async () => {
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    const offline = [inGroup('/setor 1000 kas'), inGroup('/setor 2000 kas'), inGroup('/keluar 500 kas sapu')];
    // Baileys buffers events until its initial sync is done, then flushes them as one upsert.
    fake.ev.buffer();
    fake.upsert(offline, 'append');
    fake.upsert([offline[0]!], 'append');
    expect(fake.sent).toHaveLength(1);
    fake.ev.flush();
    await wa.settle();
    expect(fake.sent.slice(1).map((sent) => sent.options?.quoted?.key.id)).toEqual(offline.map((message) => message.key.id));
    expect((await world.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } })).balance).toBe(2500n);
  });

  it('answers in a private chat, by phone number or by LID, and names the person by phone number', async () => {
    const byPn = waMessage({ id: 'P1', chat: BUDI.pn, pushName: 'Pak Budi', text: '/saldo' });
    const byLid = waMessage({ id: 'P2', chat: BUDI.lid, remoteJidAlt: BUDI.pn, pushName: 'Pak Budi', text: '.bantuan' });
    await deliver([byPn, byLid]);
    // Two chats are answered independently: the order holds within each chat, not between them.
    const to = (jid: string) => fake.sent.filter((sent) => sent.jid === jid).map((sent) => sent.text);
    expect(to(BUDI.pn)).toEqual([expect.stringContaining('/saldo')]);
    expect(to(BUDI.lid)).toEqual([expect.stringMatching(/^👋 Halo, Pak Budi!/), expect.stringContaining('📖')]);
    expect(fake.sent).toHaveLength(3);
    // One person, named by number, also known by the LID the chat came with.
    const identities = await world.db.read.identity.findMany({ orderBy: { id: 'asc' } });
    expect(identities.map((identity) => identity.externalId)).toEqual([BUDI.pn, BUDI.lid]);
    expect(new Set(identities.map((identity) => identity.personId)).size).toBe(1);
    expect(await world.db.read.person.count()).toBe(1);
  });

  it("falls back to Baileys' LID mapping, then to the LID, when no phone number comes with a message", async () => {
    fake.lidToPn.set(BUDI.lid, BUDI.pn);
    fake.groups.set(GROUP, { ...metadata([SRI.lid]), participants: [{ id: SRI.lid, admin: 'admin' }, { id: BUDI.lid }] });
    await deliver([
      inGroup('halo', { participant: BUDI.lid, participantAlt: undefined, pushName: 'Pak Budi' }),
      inGroup('halo', { participantAlt: undefined }),
    ]);
    // Pak Budi by number (his LID beside it, from the mapping); Bu Sri by LID, the only thing known of her.
    const identities = await world.db.read.identity.findMany({ orderBy: { id: 'asc' } });
    expect(identities.map((identity) => identity.externalId)).toEqual([BUDI.pn, BUDI.lid, SRI.lid]);
    expect(identities[0]!.personId).toBe(identities[1]!.personId);
    expect(await world.db.read.person.count()).toBe(2);
  });

  it("paces the answers in one chat at least the interval apart through the outbox's WhatsApp limiter, all of them, in order", async () => {
    await wa.stop();
    wa = startWhatsApp(world, fake, { clock: systemClock, pace: { intervalMs: 300, jitterMs: 100 } });
    await deliver([inGroup('/mulai WKSBM Sukamaju')]);
    const texts = await deliver([1, 2, 3].map((n) => inGroup(`/setor ${n}000 kas`)));
    expect(texts.map((text) => /#(\d+)/.exec(text)?.[1])).toEqual(['1', '2', '3']);
    const times = fake.sent.slice(-4).map((sent) => sent.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(300);
  });

  it('keeps an answer whose send failed in the outbox and sends it on the retry, once', async () => {
    fake.failNextSends(1);
    expect(await deliver([inGroup('/bantuan')])).toEqual([]);
    expect(fake.attempts).toHaveLength(1);
    world.clock.advance(60_000);
    await wa.settle();
    expect(fake.sent.map((sent) => sent.text)).toEqual([expect.stringContaining('📖')]);
    const row = await world.db.read.whatsAppMessage.findFirstOrThrow();
    expect(row.id).toBe(fake.sent[0]!.options?.messageId);
    // The retry is the same message for WhatsApp (the id comes from the outbox row), not a second one.
    expect(fake.attempts).toEqual([row.id, row.id]);
    expect(row.id).toMatch(/^3EB0[0-9A-F]{18}$/);
  });

  it('gives every outbox message its own id, the same each time it is sent, whichever process sends it', async () => {
    await deliver([inGroup('/bantuan'), inGroup('/saldo')]);
    const ids = fake.sent.map((sent) => sent.options?.messageId);
    expect(new Set(ids).size).toBe(2);
    // 1. the rows are handed out again (a process died after sending, before recording it)
    await world.db.write.outbox.updateMany({ data: { status: 'pending', claimToken: null, sentAt: null } });
    // 2. another process sends them: the same two messages for WhatsApp
    const other = startWhatsApp(world, fake);
    await other.settle();
    await other.stop();
    expect(fake.sent.slice(2).map((sent) => sent.options?.messageId)).toEqual(ids);
  });

  // Pacing is the outbox's (its WhatsApp limiter), as for texts: the sender sends at once.
  it('sends a document (the LPJ) as a document message read from its file', async () => {
    await wa.adapter.sender.send(GROUP, [{ text: 'Laporan bulanan' }]);
    await wa.adapter.sender.sendDocument(GROUP, { fileName: 'LPJ-WKSBM-Sukamaju-2026-11.pdf', path: '/tmp/lpj.pdf', mimeType: 'application/pdf' });
    const [text, document] = fake.sent.slice(-2);
    expect(document).toMatchObject({
      jid: GROUP,
      content: { document: { url: '/tmp/lpj.pdf' }, fileName: 'LPJ-WKSBM-Sukamaju-2026-11.pdf', mimetype: 'application/pdf' },
    });
    expect(text).toMatchObject({ jid: GROUP, content: { text: 'Laporan bulanan' } });
  });

  it('answers WhatsApp retry requests (getMessage) from the database, also after a restart', async () => {
    await wa.adapter.sender.send(GROUP, [{ text: 'Pengingat: rapat malam ini' }]);
    const [sent] = fake.sent;
    expect(sent).toMatchObject({ jid: GROUP, text: 'Pengingat: rapat malam ini' });
    expect(sent!.options?.quoted).toBeUndefined();
    const restarted = startWhatsApp(world, fake);
    const content = await restarted.adapter.getMessage({ remoteJid: GROUP, id: sent!.options!.messageId!, fromMe: true });
    expect(content?.extendedTextMessage?.text).toBe('Pengingat: rapat malam ini');
    expect(await restarted.adapter.getMessage({ remoteJid: GROUP, id: 'UNKNOWN', fromMe: true })).toBeUndefined();
    await restarted.stop();
  });
});
