import type { GroupMetadata } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Inbound } from '../../../src/core/index.js';
import { startWhatsApp, type TestWhatsApp } from '../../helpers/whatsapp-adapter.js';
import { createFakeSocket, waMessage } from '../../helpers/whatsapp-socket.js';
import { createWorld, type World } from '../../helpers/world.js';

const GROUP = '120363041234567890@g.us';
const SRI = { lid: '111111111111111@lid', pn: '6281111111111@s.whatsapp.net' };

/** The group's participant list: Bu Sri, admin, known by one JID only. */
const group = (sriJid: string): GroupMetadata => ({
  id: GROUP,
  subject: 'RT 05 Sukamaju',
  owner: undefined,
  addressingMode: (sriJid.endsWith('@lid') ? 'lid' : 'pn') as GroupMetadata['addressingMode'],
  participants: [{ id: sriJid, admin: 'admin' }],
});

let world: World;
let fake: ReturnType<typeof createFakeSocket>;
let wa: TestWhatsApp;
let counter = 0;

/** WhatsApp switched the group's addressing: the list is asked again. */
function addressedBy(jid: string) {
  fake.groups.set(GROUP, group(jid));
  fake.socket.ev.emit('groups.update', [{ id: GROUP }]);
}

const from = (participant: string, text: string, participantAlt?: string) =>
  waMessage({ id: `ID${++counter}`, chat: GROUP, participant, ...(participantAlt ? { participantAlt } : {}), pushName: 'Bu Sri', text });

const people = () => world.db.read.person.findMany({ orderBy: { id: 'asc' }, include: { identities: true, memberships: true } });

async function until(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeEach(async () => {
  world = await createWorld();
  fake = createFakeSocket();
  wa = startWhatsApp(world, fake);
});
afterEach(async () => {
  await wa.stop();
  await world.close();
});

describe('one person behind a WhatsApp LID and phone number', () => {
  it('seen first by LID, then by number: the mapping Baileys reports joins the number to the person, who stays ketua', async () => {
    addressedBy(SRI.lid);
    await wa.deliver([from(SRI.lid, '/mulai WKSBM Sukamaju'), from(SRI.lid, '.setor 5000 kas')]);
    const [first] = await people();
    expect(first!.identities.map((identity) => identity.externalId)).toEqual([SRI.lid]);

    fake.socket.ev.emit('lid-mapping.update', { lid: SRI.lid, pn: SRI.pn });
    await until(async () => (await world.db.read.identity.count()) === 2);

    addressedBy(SRI.pn);
    expect(await wa.deliver([from(SRI.pn, '.keluar 1000 kas sapu')])).toEqual([expect.stringMatching(/^✅ #2 Pengeluaran/)]);
    const all = await people();
    expect(all).toHaveLength(1);
    expect(all[0]!.identities.map((identity) => identity.externalId).sort()).toEqual([SRI.lid, SRI.pn]);
    expect(all[0]!.memberships.map((membership) => membership.role)).toEqual(['ketua']);
    const entries = await world.db.read.ledgerEntry.findMany({ orderBy: { id: 'asc' } });
    expect(entries.map((entry) => [entry.amount, entry.recordedById])).toEqual([[5000n, first!.id], [-1000n, first!.id]]);
  });

  it('seen first by number, then by LID alone (two people for a while), then with both: merged, the ledger untouched', async () => {
    addressedBy(SRI.pn);
    await wa.deliver([from(SRI.pn, '/mulai WKSBM Sukamaju'), from(SRI.pn, '.setor 5000 kas')]);
    // WhatsApp moves the group to LIDs and nothing says whose this one is yet: a second person, an anggota.
    addressedBy(SRI.lid);
    expect(await wa.deliver([from(SRI.lid, '.keluar 1000 kas sapu')])).toEqual([expect.stringContaining('ketua atau bendahara')]);
    expect(await wa.deliver([from(SRI.lid, '.setor 2000 kas')])).toEqual([expect.stringContaining('/sahkan')]);
    const [pn, lid] = await people();
    expect(lid!.memberships.map((membership) => membership.role)).toEqual(['anggota']);
    const ledgerBefore = await world.db.read.ledgerEntry.findMany({ orderBy: { id: 'asc' } });
    const submissionsBefore = await world.db.read.submission.findMany({ orderBy: { id: 'asc' } });

    // A message carrying both shows they are one: the LID's person joins the number's (the older), as ketua.
    expect(await wa.deliver([from(SRI.lid, '.keluar 1000 kas sapu', SRI.pn)])).toEqual([expect.stringMatching(/^✅ #\d+ Pengeluaran/)]);
    const after = await people();
    expect(after.find((person) => person.id === lid!.id)?.mergedIntoId).toBe(pn!.id);
    expect(after.find((person) => person.id === pn!.id)!.identities.map((identity) => identity.externalId).sort()).toEqual([SRI.lid, SRI.pn]);
    expect(await world.db.read.membership.findMany({ select: { personId: true, role: true } })).toEqual([{ personId: pn!.id, role: 'ketua' }]);
    // The rows people wrote are as they were, each still naming who wrote it.
    expect((await world.db.read.ledgerEntry.findMany({ orderBy: { id: 'asc' } })).slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    expect(await world.db.read.submission.findMany({ orderBy: { id: 'asc' } })).toEqual(submissionsBefore);
    expect(submissionsBefore.map((submission) => submission.submittedById)).toEqual([lid!.id]);
  });

  it('merges two people who both hold roles, answers, shares and sessions: one transaction, idempotent, balances unchanged', async () => {
    const say = (sender: string, text: string, chat = GROUP): Inbound => ({
      chat: { channel: 'whatsapp', id: chat, kind: 'group' },
      sender: { id: sender, name: sender === SRI.lid ? 'Bu Sri' : 'Sri W.', isChatAdmin: true },
      messageId: `M${++counter}`,
      text,
    });
    const OTHER = '120363049999999999@g.us';
    // The LID person is ketua in the first WKSBM; the number's is ketua of another and anggota in the first.
    await world.send(say(SRI.lid, '/mulai WKSBM Sukamaju'));
    await world.send(say(SRI.lid, '/setor 5000 kas'));
    await world.send(say(SRI.pn, '/mulai WKSBM Mekarsari', OTHER));
    await world.send(say(SRI.pn, '/setor 7000 kas', OTHER));
    await world.send(say(SRI.lid, '/rapat insidental besok 19.00 Balai RW | Kerja bakti'));
    await world.send(say(SRI.pn, '/hadir 1'));
    world.clock.advance(60_000);
    await world.send(say(SRI.lid, '/izin 1 ke kota'));
    await world.send(say(SRI.lid, '/arisan buat mawar 50rb bulanan'));
    await world.send(say(SRI.pn, '/arisan ikut mawar'));
    const [lid, pn] = await people();
    await world.db.write.dashboardSession.create({ data: { idHash: 'session-of-pn', personId: pn!.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const snapshot = async () => ({
      ledger: await world.db.read.ledgerEntry.findMany({ orderBy: { id: 'asc' } }),
      funds: await world.db.read.fund.findMany({ orderBy: { id: 'asc' }, select: { id: true, balance: true } }),
    });
    const before = await snapshot();

    expect(await world.core.sameIdentity('whatsapp', SRI.lid, SRI.pn)).toBe('merged');

    expect(await snapshot()).toEqual(before);
    const wksbms = await world.db.read.wksbm.findMany({ orderBy: { id: 'asc' } });
    expect(await world.db.read.membership.findMany({ orderBy: { wksbmId: 'asc' }, select: { wksbmId: true, personId: true, role: true } })).toEqual([
      { wksbmId: wksbms[0]!.id, personId: lid!.id, role: 'ketua' },
      { wksbmId: wksbms[1]!.id, personId: lid!.id, role: 'ketua' },
    ]);
    // One answer for the meeting: the later one.
    expect(await world.db.read.meetingRsvp.findMany({ select: { personId: true, answer: true } })).toEqual([{ personId: lid!.id, answer: 'izin' }]);
    expect((await world.db.read.arisanShare.findMany()).map((share) => share.personId)).toEqual([lid!.id]);
    expect((await world.db.read.dashboardSession.findUniqueOrThrow({ where: { idHash: 'session-of-pn' } })).personId).toBe(lid!.id);
    expect((await world.db.read.person.findUniqueOrThrow({ where: { id: pn!.id } })).mergedIntoId).toBe(lid!.id);

    // Either identity is now the one person, who is ketua in both WKSBM.
    expect(await world.send(say(SRI.pn, '/keluar 1000 kas sapu'))).toMatch(/^✅ #\d+ Pengeluaran/);
    expect(await world.send(say(SRI.lid, '/keluar 1000 kas sapu', OTHER))).toMatch(/^✅ #\d+ Pengeluaran/);

    // Again: nothing changes.
    const settled = { people: await people(), rsvps: await world.db.read.meetingRsvp.findMany() };
    expect(await world.core.sameIdentity('whatsapp', SRI.pn, SRI.lid)).toBe('same');
    expect({ people: await people(), rsvps: await world.db.read.meetingRsvp.findMany() }).toEqual(settled);
  });
});
