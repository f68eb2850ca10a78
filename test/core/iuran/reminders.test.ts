import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLog } from '../../helpers/memory-log.js';
import { textOutbox } from '../../helpers/text-outbox.js';
import { createWorld, type World } from '../../helpers/world.js';

/** Names that must never reach the group or a log line. */
const CANARY_KK = 'Kanari Tunggak';
const PAID_KK = 'Pak Budi';

let world: World;
const { sent, dispatchAll } = textOutbox(() => world);

const memory = createMemoryLog();

beforeEach(async () => {
  sent.length = 0;
  world = await createWorld({ log: memory.log });
  world.clock.set('2026-11-02T03:00:00Z');
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju');
  await world.say('Bu Sri', `/kk tambah ${PAID_KK}, RT 03`);
  await world.say('Bu Sri', `/kk tambah ${CANARY_KK}, RT 04`);
  await world.say('Bu Sri', '/kk tambah Mbah Karto');
  await world.say('Andi', `/kk gabung ${PAID_KK}`);
  await world.say('Rina', `/kk gabung ${CANARY_KK}`);
  await world.say('Bu Sri', '/iuran tambah kematian 10rb bulanan');
  expect(await world.say('Bu Sri', '/iuran pengingat kematian tanggal 10')).toContain('tiap tanggal 10 pukul 09.00');
  await world.say('Bu Sri', `/setor 10rb kematian dari KK ${PAID_KK}`);
});
afterEach(async () => world.close());

describe('iuran reminders', () => {
  it('go privately only to households in arrears, once, with one line of counts to the group', async () => {
    world.clock.set('2026-11-10T01:30:00Z'); // 08.30 WIB: not yet
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(0);
    world.clock.set('2026-11-10T02:30:00Z'); // 09.30 WIB
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(1);
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(0);
    await dispatchAll();
    const toRina = sent.filter((m) => m.chatId === 'private:rina');
    expect(toRina).toHaveLength(1);
    expect(toRina[0]!.text).toContain(`KK ${CANARY_KK} (RT 04): kurang Rp10.000 (November 2026)`);
    expect(sent.filter((m) => m.chatId === 'private:andi')).toHaveLength(0);
    const group = sent.filter((m) => m.chatId === 'rt05');
    expect(group.map((m) => m.text)).toEqual([
      '🔔 Iuran Kematian: 1 dari 3 KK sudah lunas; 1 KK diingatkan lewat chat pribadi. Terima kasih!',
    ]);
    // Nothing more the same day or the next time the scheduler looks.
    world.clock.advance(3_600_000);
    await world.stores.planner.planReminders(world.clock.now());
    await dispatchAll();
    expect(sent).toHaveLength(2);
    // Privacy: the group never sees a household name or arrears, and no log line carries them.
    for (const message of group) expect(message.text).not.toMatch(new RegExp(`${CANARY_KK}|Karto|Budi`));
    expect(memory.lines.join('')).not.toContain(CANARY_KK);
  });

  it('catch up a reminder day missed while the server was down, once, and not after three days', async () => {
    // 1. The server is down over the 10th and comes back on the 12th: the reminders go out then, once.
    world = await world.restart();
    world.clock.set('2026-11-12T05:00:00Z');
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(1);
    await dispatchAll();
    world = await world.restart();
    world.clock.advance(3_600_000);
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(0);
    await dispatchAll();
    expect(sent.filter((m) => m.chatId === 'private:rina')).toHaveLength(1);
    expect(sent.filter((m) => m.chatId === 'rt05')).toHaveLength(1);

    // 2. Planned on the 10th of December (both households with a member now owe), then down before
    // sending: sent after a restart on the 11th.
    world.clock.set('2026-12-10T02:30:00Z');
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(2);
    world = await world.restart();
    world.clock.set('2026-12-11T03:00:00Z');
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(0);
    await dispatchAll();
    const toRina = sent.filter((m) => m.chatId === 'private:rina');
    expect(toRina).toHaveLength(2);
    expect(toRina[1]!.text).toContain('kurang Rp20.000 (November 2026–Desember 2026)');
    expect(sent.filter((m) => m.chatId === 'private:andi')).toHaveLength(1);

    // 3. Down from the 9th of January to the 14th: four days late is past its use, and nothing is sent.
    world = await world.restart();
    world.clock.set('2027-01-14T03:00:00Z');
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(0);
    await dispatchAll();
    expect(sent.filter((m) => m.chatId === 'private:rina')).toHaveLength(2);

    // 4. Planned on the 10th of February, down until the 14th: the planned rows expire unsent.
    world.clock.set('2027-02-10T02:30:00Z');
    expect(await world.stores.planner.planReminders(world.clock.now())).toBe(2);
    world = await world.restart();
    world.clock.set('2027-02-14T03:00:00Z');
    await dispatchAll();
    expect(sent.filter((m) => m.chatId.startsWith('private:'))).toHaveLength(3);
    const expired = await world.db.read.outbox.findMany({ where: { payload: { contains: 'iuran-reminder' }, status: { not: 'sent' } } });
    expect(expired.map((row) => row.status)).toEqual(['dropped', 'dropped']);
  });

  it('are cancelled by a payment between planning and sending, even one already claimed', async () => {
    world.clock.set('2026-11-10T02:30:00Z');
    await world.stores.planner.planReminders(world.clock.now());
    await world.say('Bu Sri', `/setor 10rb kematian dari KK ${CANARY_KK}`);
    expect(await world.db.read.outbox.count({ where: { payload: { contains: 'iuran-reminder' } } })).toBe(0);
    await dispatchAll();
    expect(sent.filter((m) => m.chatId.startsWith('private:'))).toEqual([]);

    // Next month: the reminder is planned, claimed by a scheduler, and the household pays meanwhile.
    world.clock.set('2026-12-10T02:30:00Z');
    await world.stores.planner.planReminders(world.clock.now());
    const claimed = await world.stores.outbox.claim({ channels: ['console'], now: world.clock.now(), limit: 10, leaseMs: 60_000 });
    expect(claimed.some((m) => m.payload.kind === 'iuran-reminder')).toBe(true);
    await world.say('Bu Sri', `/setor 20rb kematian dari KK ${CANARY_KK}`);
    await world.say('Bu Sri', `/setor 10rb kematian dari KK ${PAID_KK}`);
    world.clock.advance(61_000);
    await dispatchAll();
    expect(sent.filter((m) => m.chatId.startsWith('private:'))).toEqual([]);
    const dropped = await world.db.read.outbox.findMany({ where: { payload: { contains: 'iuran-reminder' } } });
    expect(dropped.map((row) => [row.status, row.lastError])).toEqual([
      ['dropped', 'paid'],
      ['dropped', 'paid'],
    ]);
  });
});
