import type { GroupMetadata } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCommunityStore } from '../../../src/store/community.js';
import { startWhatsApp, type TestWhatsApp } from '../../helpers/whatsapp-adapter.js';
import { createFakeSocket, waMessage, type MessageSpec } from '../../helpers/whatsapp-socket.js';
import { createWorld, type World } from '../../helpers/world.js';

const GROUP = '120363041234567890@g.us';
const SRI = { lid: '111111111111111@lid', pn: '6281111111111@s.whatsapp.net' };
// The group hides Pak Budi's number (a LID group): the bot first knows him by LID alone.
const BUDI = { lid: '222222222222222@lid', pn: '6282222222222@s.whatsapp.net' };
const ANI = { lid: '333333333333333@lid', pn: '6283333333333@s.whatsapp.net' };
// Pak Joko writes in the group by LID and, from another phone's view of the group, by number.
const JOKO = { lid: '666666666666666@lid', pn: '6286666666666@s.whatsapp.net' };
// Bu Wati is known by LID alone at first, in the group and in her private chat.
const WATI = { lid: '555555555555555@lid', pn: '6285555555555@s.whatsapp.net' };

const metadata: GroupMetadata = {
  id: GROUP,
  subject: 'RT 05 Sukamaju',
  owner: undefined,
  addressingMode: 'lid' as GroupMetadata['addressingMode'],
  participants: [
    { id: SRI.lid, phoneNumber: SRI.pn, admin: 'admin' },
    { id: BUDI.lid, notify: 'Pak Budi' },
    { id: ANI.lid, phoneNumber: ANI.pn, notify: 'Bu Ani' },
    { id: WATI.lid, notify: 'Bu Wati' },
    { id: JOKO.lid, notify: 'Pak Joko' },
  ],
};

let world: World;
let fake: ReturnType<typeof createFakeSocket>;
let wa: TestWhatsApp;
let counter = 0;

const message = (spec: Omit<MessageSpec, 'id'>) => waMessage({ id: `M${++counter}`, ...spec });
const fromSri = (text: string, spec: Partial<MessageSpec> = {}) =>
  message({ chat: GROUP, participant: SRI.lid, participantAlt: SRI.pn, pushName: 'Bu Sri', text, ...spec });
const fromBudi = (text: string) => message({ chat: GROUP, participant: BUDI.lid, pushName: 'Pak Budi', text });
/** What the bot sent to Pak Budi's private chats, by either of his JIDs. */
const toBudi = () => fake.sent.filter((sent) => sent.jid === BUDI.lid || sent.jid === BUDI.pn);

const budiIdentities = async () =>
  world.db.read.identity.findMany({ where: { externalId: { in: [BUDI.lid, BUDI.pn] } }, orderBy: { id: 'asc' } });

/** Baileys learns that Pak Budi's LID and number are one user; the channel makes them one person. */
async function revealBudi(): Promise<void> {
  fake.lidToPn.set(BUDI.lid, BUDI.pn);
  fake.socket.ev.emit('lid-mapping.update', { lid: BUDI.lid, pn: BUDI.pn });
  for (let i = 0; i < 500; i++) {
    if (new Set((await budiIdentities()).map((identity) => identity.personId)).size === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('identities not merged');
}

beforeEach(async () => {
  world = await createWorld();
  world.notifier.viaOutbox('whatsapp');
  fake = createFakeSocket();
  fake.groups.set(GROUP, metadata);
  wa = startWhatsApp(world, fake);
  await wa.deliver([fromSri('/mulai WKSBM Sukamaju')]);
  await wa.deliver([fromBudi('halo'), message({ chat: GROUP, participant: ANI.lid, participantAlt: ANI.pn, pushName: 'Bu Ani', text: 'halo' })]);
  await wa.deliver([fromSri('/peran @222222222222222 bendahara', { mentions: [BUDI.lid] })]);
  // Pak Budi writes to the bot from his number: a second identity, a second person, until Baileys pairs them.
  await wa.deliver([message({ chat: BUDI.pn, pushName: 'Pak Budi', text: '/bantuan' })]);
  expect(new Set((await budiIdentities()).map((identity) => identity.personId)).size).toBe(2);
  await revealBudi();
  fake.sent.length = 0;
});
afterEach(async () => {
  await wa.stop();
  await world.close();
});

describe('one private chat per person on WhatsApp', () => {
  it('tells a person known by LID and by number of a new case once, in the chat of their number', async () => {
    // Bu Ani reports a case in her private chat; the pengurus (Bu Sri, Pak Budi) are told privately.
    const steps = ['/lapor', '8', 'Mbah Sainem', 'RT 03/RW 05', 'Tinggal sendiri, sakit', '1', 'lewati', '2'];
    for (const text of steps) await wa.deliver([message({ chat: ANI.lid, remoteJidAlt: ANI.pn, pushName: 'Bu Ani', text })]);
    // Notices are due when they are written (real time): the test clock catches up.
    world.clock.set(new Date(Date.now() + 1_000));
    await wa.settle();
    expect(fake.sent.filter((sent) => sent.jid === ANI.lid).at(-1)?.text).toContain('kasus #1');
    expect(toBudi().map((sent) => [sent.jid, sent.text])).toEqual([[BUDI.pn, expect.stringContaining('#1')]]);
    expect(fake.sent.filter((sent) => sent.jid === SRI.pn || sent.jid === SRI.lid)).toHaveLength(1);
  });

  it('reminds a merged person of their household iuran and duka levy once each', async () => {
    // Monday 2 November 2026, 10.00 WIB.
    world.clock.set('2026-11-02T03:00:00Z');
    await wa.deliver([fromSri('/kk tambah Pak Budi, RT 03')]);
    await wa.deliver([fromBudi('/kk gabung Pak Budi')]);
    await wa.deliver([fromSri('/iuran tambah kematian 10rb bulanan')]);
    await wa.deliver([fromSri('/iuran pengingat kematian tanggal 10')]);
    await wa.deliver([fromSri('/duka iuran 5rb per KK')]);
    await wa.deliver([fromSri('/duka Bapak Karto Wiyono')]);
    fake.sent.length = 0;

    // The levy reminder goes out the next morning.
    world.clock.set('2026-11-03T02:30:00Z');
    await wa.settle();
    expect(toBudi().map((sent) => [sent.jid, sent.text])).toEqual([[BUDI.pn, expect.stringContaining('Rp5.000')]]);

    // The iuran reminder on the 10th.
    fake.sent.length = 0;
    world.clock.set('2026-11-10T02:30:00Z');
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(1);
    await wa.settle();
    expect(toBudi().map((sent) => [sent.jid, sent.text])).toEqual([[BUDI.pn, expect.stringContaining('Rp10.000')]]);
  });

  it('sends what was planned for both of a person\'s chats before they were one person once, to the chat of the number', async () => {
    world.clock.set('2026-11-02T03:00:00Z');
    await wa.deliver([fromSri('/kk tambah Pak Joko, RT 04')]);
    // Two people until the pair shows: one by LID, one by number, both of Pak Joko's household.
    for (const participant of [JOKO.lid, JOKO.pn]) {
      await wa.deliver([message({ chat: GROUP, participant, pushName: 'Pak Joko', text: '/kk gabung Pak Joko' })]);
    }
    await wa.deliver([fromSri('/duka iuran 5rb per KK')]);
    await wa.deliver([fromSri('/duka Bapak Karto Wiyono')]);
    const planned = await world.db.read.outbox.findMany({ where: { chatId: { in: [JOKO.lid, JOKO.pn] }, status: 'pending' } });
    expect(planned.map((row) => row.chatId).sort()).toEqual([JOKO.lid, JOKO.pn].sort());
    // 1. Baileys pairs them before the reminders go out
    fake.lidToPn.set(JOKO.lid, JOKO.pn);
    fake.socket.ev.emit('lid-mapping.update', { lid: JOKO.lid, pn: JOKO.pn });
    await wa.deliver([message({ chat: GROUP, participant: JOKO.lid, pushName: 'Pak Joko', text: 'halo' })]);
    // 2. the next morning Pak Joko is reminded once
    fake.sent.length = 0;
    world.clock.set('2026-11-03T02:30:00Z');
    await wa.settle();
    expect(fake.sent.filter((sent) => sent.jid === JOKO.lid || sent.jid === JOKO.pn).map((sent) => sent.jid)).toEqual([JOKO.pn]);
  });

  it('keeps a report begun in the chat WhatsApp addressed by LID going in the chat of the number, once they are one person', async () => {
    await wa.deliver([message({ chat: GROUP, participant: WATI.lid, pushName: 'Bu Wati', text: 'halo' })]);
    await wa.deliver([message({ chat: WATI.lid, pushName: 'Bu Wati', text: '/lapor' })]);
    expect(await world.db.read.reportDraft.findMany({ select: { chatId: true } })).toEqual([{ chatId: WATI.lid }]);
    // 1. WhatsApp now gives her number with her messages: she is one person, her report where she is
    await wa.deliver([message({ chat: WATI.lid, remoteJidAlt: WATI.pn, pushName: 'Bu Wati', text: '8' })]);
    expect(fake.sent.at(-1)).toMatchObject({ jid: WATI.lid, text: expect.stringContaining('Siapa yang perlu dibantu?') });
    // 2. and it goes on from her number's chat
    await wa.deliver([message({ chat: WATI.pn, pushName: 'Bu Wati', text: 'Mbah Sainem' })]);
    expect(fake.sent.at(-1)).toMatchObject({ jid: WATI.pn, text: expect.stringContaining('RT/RW') });
    expect(await world.db.read.reportDraft.findMany({ select: { chatId: true } })).toEqual([{ chatId: WATI.pn }]);
  });

  it('sees a merge made by another instance within 15 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // Two instances on one database; Bu Tini is known by number (older), then by LID on the first one.
      const [here, there] = [createCommunityStore(world.db.read, world.writer), createCommunityStore(world.db.read, world.writer)];
      const TINI = { lid: '444444444444444@lid', pn: '6284444444444@s.whatsapp.net' };
      const byNumber = await here.personOf('whatsapp', TINI.pn, 'Bu Tini');
      const byLid = await here.personOf('whatsapp', TINI.lid, 'Bu Tini');
      expect(byLid.id).not.toBe(byNumber.id);
      // 1. the other instance merges them
      expect(await there.mergeIdentities('whatsapp', TINI.lid, TINI.pn)).toBe('merged');
      // 2. this one acts for the absorbed person at most until its cache runs out
      vi.setSystemTime(Date.now() + 15_001);
      expect((await here.personOf('whatsapp', TINI.lid, 'Bu Tini')).id).toBe(byNumber.id);
    } finally {
      vi.useRealTimers();
    }
  });
});
