import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelSender, OutboxPayload, OutboxStore, Reply } from '../../src/core/index.js';
import type { KindRegistry } from '../../src/outbox/kinds.js';
import { countRecentSends, createDispatcher, createRateLimiter, createScheduler, TELEGRAM_LIMITS, type Dispatcher } from '../../src/scheduler/index.js';
import { createTestDatabase, dropTestDatabase } from '../helpers/database.js';
import { ROOT, tmpDir } from '../helpers/paths.js';
import { createTestClock, createWorld, type TestClock, type World } from '../helpers/world.js';

/** Monday 23 November 2026, 12.00 WIB. The meeting is Tuesday 19.30 WIB. */
const NOW = '2026-11-23T05:00:00Z';
const DAY_BEFORE_19 = '2026-11-23T12:00:00Z';
const HOUR_BEFORE = '2026-11-24T11:30:00Z';
const MEETING_START = '2026-11-24T12:30:00Z';

interface Delivery {
  readonly chatId: string;
  readonly replies: readonly Reply[];
}

/** A channel that records what it accepted; `fail` decides per call whether the platform refuses. */
function recordingSender(fail: (call: number) => unknown = () => null) {
  const accepted: Delivery[] = [];
  const documents: string[] = [];
  let calls = 0;
  const sender: ChannelSender = {
    channel: 'console',
    async send(chatId, replies) {
      const error = fail(++calls);
      if (error) throw error;
      accepted.push({ chatId, replies });
    },
    async sendDocument(_chatId, document) {
      documents.push(document.fileName);
    },
  };
  return { sender, accepted, documents, calls: () => calls };
}

const silent = pino({ level: 'silent' });

function dispatcherOf(world: World, sender: ChannelSender): Dispatcher {
  return createDispatcher({
    outbox: world.stores.outbox,
    planner: world.stores.planner,
    senders: [sender],
    limiter: createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat),
    clock: world.clock,
    log: silent,
    random: () => 0.5,
  });
}

/** test/helpers/outbox-worker.ts in a process of its own; resolves with what it printed. */
function runWorker(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test', 'helpers', 'outbox-worker.ts'), ...args],
      { cwd: ROOT },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

const urls: string[] = [];
/** A database that outlives the worlds opened on it, as a server's does across restarts. */
async function sharedDatabase(): Promise<string> {
  const url = await createTestDatabase();
  urls.push(url);
  return url;
}
afterEach(async () => {
  for (const url of urls.splice(0)) await dropTestDatabase(url);
});

async function announceTomorrow(world: World, chat = 'rt05'): Promise<void> {
  await world.say('Bu Sri', '/mulai WKSBM Sukamaju', { chat });
  await world.say('Pak Budi', 'Assalamualaikum', { chat });
  await world.say('Bu Ani', 'Nggih', { chat });
  await world.say('Bu Sri', '/rapat insidental besok 19.30 Balai RW 05 | Persiapan santunan', { chat });
}

const statuses = async (world: World) =>
  (await world.db.read.outbox.findMany({ orderBy: { dueAt: 'asc' } })).map((row) => [row.dueAt.toISOString(), row.status]);

describe('reminders', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld({ clock: createTestClock(NOW) });
    await announceTomorrow(world);
  });
  afterEach(async () => world.close());

  it('sends nothing early, then the reminder once, naming only who has not answered at send time', async () => {
    const { sender, accepted } = recordingSender();
    const dispatcher = dispatcherOf(world, sender);
    await world.say('Bu Sri', '/hadir 1');
    // 1. one minute before it is due: nothing
    world.clock.set('2026-11-23T11:59:00Z');
    expect(await dispatcher.runOnce()).toBe(0);
    // 2. Pak Budi answers after the reminder was planned, before it is sent
    await world.say('Pak Budi', '/izin 1 ronda');
    // 3. due: sent once, built now
    world.clock.set(DAY_BEFORE_19);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(accepted).toHaveLength(1);
    const [reminder] = accepted[0]!.replies;
    expect(accepted[0]!.chatId).toBe('rt05');
    expect(reminder!.text).toBe(
      [
        '⏰ Pengingat: rapat #1 besok, Selasa, 24 November 2026 pukul 19.30 WIB',
        'Tempat: Balai RW 05',
        'Acara: Persiapan santunan',
        'Hadir (1): Bu Sri',
        'Izin (1): Pak Budi',
        'Belum menjawab: @Bu Ani — mohon jawab /hadir 1 atau /izin 1 <alasan>.',
      ].join('\n'),
    );
    expect(reminder!.actions).toEqual([
      { label: '✅ Hadir', command: '/hadir 1' },
      { label: '🙏 Izin', command: '/izin 1' },
    ]);
    expect(await statuses(world)).toEqual([
      [DAY_BEFORE_19.replace('Z', '.000Z'), 'sent'],
      [HOUR_BEFORE.replace('Z', '.000Z'), 'pending'],
    ]);
  });

  it('retries a failed send with growing backoff and never sends it twice', async () => {
    const refused = new Error('ETIMEDOUT');
    const { sender, accepted, calls } = recordingSender((call) => (call <= 2 ? refused : null));
    const dispatcher = dispatcherOf(world, sender);
    world.clock.set(DAY_BEFORE_19);
    // 1. first attempt fails: next try in 2 s
    await dispatcher.runOnce();
    const row = await world.db.read.outbox.findFirstOrThrow({ where: { status: 'pending' }, orderBy: { dueAt: 'asc' } });
    expect(row).toMatchObject({ attempts: 1, lastError: 'ETIMEDOUT', claimToken: null });
    expect(row.nextAttemptAt.getTime() - world.clock.now().getTime()).toBe(2000);
    // 2. not before the backoff
    world.clock.advance(1999);
    expect(await dispatcher.runOnce()).toBe(0);
    // 3. second attempt fails: next try 4 s later
    world.clock.advance(1);
    await dispatcher.runOnce();
    world.clock.advance(3999);
    expect(await dispatcher.runOnce()).toBe(0);
    // 4. third attempt is accepted; nothing after
    world.clock.advance(1);
    await dispatcher.runOnce();
    world.clock.advance(60_000);
    await dispatcher.runOnce();
    expect(calls()).toBe(3);
    expect(accepted).toHaveLength(1);
    expect((await statuses(world))[0]![1]).toBe('sent');
  });

  it('waits as long as a 429 says before trying that chat again', async () => {
    const tooMany = Object.assign(new Error('Too Many Requests'), { parameters: { retry_after: 30 } });
    const { sender, accepted } = recordingSender((call) => (call === 1 ? tooMany : null));
    const dispatcher = dispatcherOf(world, sender);
    world.clock.set(DAY_BEFORE_19);
    await dispatcher.runOnce();
    world.clock.advance(29_000);
    expect(await dispatcher.runOnce()).toBe(0);
    world.clock.advance(1_000);
    await dispatcher.runOnce();
    expect(accepted).toHaveLength(1);
  });

  it('after a downtime, sends a late reminder that is still useful once, and drops the one whose meeting started', async () => {
    const { sender, accepted } = recordingSender();
    const dispatcher = dispatcherOf(world, sender);
    // 1. the server was down from Monday noon to Tuesday 10.00: the day-before reminder is late but useful
    world.clock.set('2026-11-24T03:00:00Z');
    expect(await dispatcher.runOnce()).toBe(1);
    expect(accepted[0]!.replies[0]!.text).toContain('rapat #1 hari ini, Selasa, 24 November 2026 pukul 19.30 WIB');
    // 2. down again until after the meeting started: the hour-before reminder is dropped, not sent
    world.clock.set('2026-11-24T12:31:00Z');
    expect(await dispatcher.runOnce()).toBe(1);
    expect(accepted).toHaveLength(1);
    expect(await statuses(world)).toEqual([
      [DAY_BEFORE_19.replace('Z', '.000Z'), 'sent'],
      [HOUR_BEFORE.replace('Z', '.000Z'), 'dropped'],
    ]);
  });

  it('does not send the reminders of a cancelled meeting, and reminds a moved one at its new time', async () => {
    const { sender, accepted } = recordingSender();
    const dispatcher = dispatcherOf(world, sender);
    await world.say('Bu Sri', '/rapat insidental lusa 19.30 Balai RW 05 | Kerja bakti');
    await world.say('Bu Sri', '/rapat batal 1 hujan');
    await world.say('Bu Sri', '/rapat ubah 2 kamis 20.00');
    for (const at of [DAY_BEFORE_19, HOUR_BEFORE, MEETING_START, '2026-11-25T12:00:00Z', '2026-11-26T12:00:00Z', '2026-11-26T12:05:00Z']) {
      world.clock.set(at);
      await dispatcher.runOnce();
    }
    expect(accepted.map((delivery) => delivery.replies[0]!.text.split('\n')[0])).toEqual([
      '⏰ Pengingat: rapat #2 besok, Kamis, 26 November 2026 pukul 20.00 WIB',
      '⏰ Pengingat: rapat #2 hari ini, Kamis, 26 November 2026 pukul 20.00 WIB',
    ]);
  });

  it('forgets settled messages after 30 days and never a pending one', async () => {
    const { sender } = recordingSender();
    world.clock.set(DAY_BEFORE_19);
    await dispatcherOf(world, sender).runOnce();
    const { outbox } = world.stores;
    expect(await outbox.prune(new Date('2026-11-23T12:00:00Z'))).toBe(0);
    expect(await outbox.prune(new Date('2027-01-01T00:00:00Z'))).toBe(1);
    expect(await statuses(world)).toEqual([[HOUR_BEFORE.replace('Z', '.000Z'), 'pending']]);
  });

  it('keeps a series planned ahead as time passes, without planning a slot twice', async () => {
    await world.say('Bu Sri', '/rapat rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian');
    const before = await world.db.read.meetingOccurrence.count({ where: { meeting: { kind: 'rutin' } } });
    world.clock.set('2026-12-20T05:00:00Z');
    const created = await world.stores.planner.topUp(world.clock.now(), 100);
    expect(created).toBeGreaterThan(0);
    expect(await world.stores.planner.topUp(world.clock.now(), 100)).toBe(0);
    const rows = await world.db.read.meetingOccurrence.findMany({ where: { meeting: { kind: 'rutin' } }, orderBy: { startsAt: 'asc' } });
    expect(rows).toHaveLength(before + created);
    expect(new Set(rows.map((row) => row.slot.getTime())).size).toBe(rows.length);
    expect(rows.at(-1)!.startsAt.toISOString()).toBe('2027-01-22T13:00:00.000Z');
    expect(await world.say('Pak Budi', '/jadwal')).toContain('Jumat, 25 Desember 2026 pukul 20.00 WIB');
  });
});

describe('the outbox across processes', () => {
  it('loses no reminder across a restart: what was planned before is sent after', async () => {
    const url = await sharedDatabase();
    const clock = createTestClock(NOW);
    // 1. the first server plans and stops
    const before = await createWorld({ url, clock });
    await announceTomorrow(before);
    await before.close();
    // 2. the restarted server sends it when it is due
    const after = await createWorld({ url, clock });
    const { sender, accepted } = recordingSender();
    clock.set(DAY_BEFORE_19);
    await dispatcherOf(after, sender).runOnce();
    await after.close();
    expect(accepted.map((delivery) => delivery.chatId)).toEqual(['rt05']);
  });

  it('sends each reminder once with two scheduler instances (two processes) on the same database', async () => {
    const url = await sharedDatabase();
    const clock = createTestClock(NOW);
    const world = await createWorld({ url, clock });
    const chats = Array.from({ length: 25 }, (_, i) => `rt${i + 1}`);
    for (const chat of chats) await announceTomorrow(world, chat);
    await world.close();
    // 1. two processes start claiming the same 25 due reminders at the same moment
    const barrier = mkdtempSync(path.join(tmpDir(), 'barrier-'));
    const outputs = await Promise.all([0, 1].map(() => runWorker([url, DAY_BEFORE_19, barrier, '2'])));
    // 2. each chat got its reminder exactly once, and both instances did part of the work
    const sent = outputs.flatMap((output) => output.trim().split('\n').filter(Boolean));
    expect(sent.toSorted()).toEqual(chats.toSorted());
    expect(outputs.every((output) => output.trim().length > 0)).toBe(true);
  });

  it('lets another instance send what a crashed instance had claimed, once its lease ran out', async () => {
    const url = await sharedDatabase();
    const clock = createTestClock(NOW);
    const crashed = await createWorld({ url, clock });
    await announceTomorrow(crashed);
    clock.set(DAY_BEFORE_19);
    // 1. the first instance claims the reminder and dies before sending
    const held = await crashed.stores.outbox.claim({ channels: ['console'], now: clock.now(), limit: 10, leaseMs: 60_000 });
    expect(held).toHaveLength(1);
    await crashed.close();
    // 2. another instance cannot take it while the lease holds, and can after
    const survivor = await createWorld({ url, clock });
    const { sender, accepted } = recordingSender();
    const dispatcher = dispatcherOf(survivor, sender);
    expect(await dispatcher.runOnce()).toBe(0);
    clock.advance(60_001);
    expect(await dispatcher.runOnce()).toBe(1);
    // 3. the crashed instance's late report cannot overwrite the outcome
    expect(await survivor.stores.outbox.settle(held[0]!, { kind: 'dropped', why: 'late' })).toBe(false);
    await survivor.close();
    expect(accepted).toHaveLength(1);
  });

  it('keeps 20 a minute to a group when another instance takes the sending over: the last minute of sends counts', async () => {
    const url = await sharedDatabase();
    const clock = createTestClock(NOW);
    const first = await createWorld({ url, clock });
    const text = (i: number) => ({ kind: 'text', text: `Pesan ${i}` });
    const messages = Array.from({ length: 12 }, (_, i) => ({
      dedupeKey: `limit-test-${i}`,
      channel: 'console' as const,
      chatId: 'rt05',
      subject: 'limit-test',
      payload: text(i),
      dueAt: clock.now(),
      notAfter: null,
    }));
    // 1. the first owner sends twelve messages to the group, then stops (or dies)
    await first.stores.outbox.add(messages);
    expect(await first.deliver()).toBe(12);
    await first.close();
    // 2. the next owner, 30 s later, starts with a limiter that counts them: 8 more this minute, not 20
    clock.advance(30_000);
    const next = await createWorld({ url, clock });
    const limiter = createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat);
    await countRecentSends(next.stores.outbox, { console: limiter }, clock.now());
    let allowed = 0;
    for (let i = 0; i < 20; i++) {
      const at = clock.now().getTime() + i * 1_100;
      const taken = limiter.take('console:rt05', at);
      // A send counts until the platform has answered it; these are answered at once.
      if (taken.ok) {
        allowed++;
        taken.done(at);
      }
    }
    expect(allowed).toBe(8);
    // 3. a minute after those sends the group's allowance is whole again
    expect(limiter.take('console:rt05', clock.now().getTime() + 31_000).ok).toBe(true);
    await next.close();
  });
});

describe('a claim held longer than its lease', () => {
  /**
   * Messages due in one chat; one instance (`holding`) may send one a minute there, so after the first it
   * waits for the limit until `limitFrees` (then as long as it asked), with a 300 ms lease; `other` is a
   * second instance without limits. `stalled()` is the outbox with the lease's extensions held until `stallEnds`.
   */
  async function oneLimitedChat(payloads: readonly OutboxPayload[], kinds?: KindRegistry) {
    const world = await createWorld({ clock: createTestClock(NOW) });
    const first = recordingSender();
    const second = recordingSender();
    await world.stores.outbox.add(
      payloads.map((payload, i) => ({ dedupeKey: `uji-${i + 1}`, channel: 'console', chatId: 'rt09', subject: 'uji', payload, dueAt: world.clock.now(), notAfter: null })),
    );
    let limitFrees!: () => void;
    const waited = new Promise<void>((resolve) => (limitFrees = resolve));
    const dispatcher = (sender: ChannelSender, outbox: OutboxStore, perChat: { limit: number; windowMs: number }, extra: Partial<Parameters<typeof createDispatcher>[0]>) =>
      createDispatcher({
        outbox,
        planner: world.stores.planner,
        senders: [sender],
        ...(kinds ? { kinds } : {}),
        limiter: createRateLimiter({ limit: 100, windowMs: 1_000 }, perChat),
        clock: world.clock,
        log: silent,
        ...extra,
      });
    const sleep = async (ms: number) => {
      await waited;
      world.clock.advance(ms);
    };
    return {
      world,
      first,
      second,
      limitFrees: () => limitFrees(),
      stalled() {
        let stallEnds!: () => void;
        const stall = new Promise<void>((resolve) => (stallEnds = resolve));
        const outbox = world.stores.outbox;
        return { outbox: { ...outbox, extend: async (...args: Parameters<OutboxStore['extend']>) => stall.then(() => outbox.extend(...args)) }, stallEnds: () => stallEnds() };
      },
      holding: (outbox: OutboxStore = world.stores.outbox) =>
        dispatcher(first.sender, outbox, { limit: 1, windowMs: 60_000 }, { options: { leaseMs: 300, maxHoldMs: 120_000 }, sleep }),
      other: () => dispatcher(second.sender, world.stores.outbox, { limit: 100, windowMs: 1_000 }, { options: { leaseMs: 300 } }),
    };
  }
  const text = (n: number): OutboxPayload => ({ kind: 'text', text: `Pesan ${n}` });
  const texts = (sender: ReturnType<typeof recordingSender>) => sender.accepted.map((delivery) => delivery.replies[0]!.text);

  it('is extended while a message waits for the rate limit, so another instance does not send it too', async () => {
    const { world, first, second, limitFrees, holding, other } = await oneLimitedChat([text(1), text(2)]);
    // 1. this instance may send one message a minute to the chat; the second waits (here until the test says)
    const running = holding().runOnce();
    await vi.waitFor(() => expect(first.accepted).toHaveLength(1), { timeout: 5_000, interval: 20 });

    // 2. well past the lease it was claimed with, another instance looks for due messages: none is free
    world.clock.advance(30_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await other().runOnce()).toBe(0);

    // 3. the limit frees: the waiting message is sent by the instance that held it, once, and recorded sent
    world.clock.advance(31_000);
    limitFrees();
    await running;
    expect(texts(first)).toEqual(['Pesan 1', 'Pesan 2']);
    expect(second.accepted).toEqual([]);
    expect((await world.db.read.outbox.findMany({ orderBy: { id: 'asc' } })).map((row) => row.status)).toEqual(['sent', 'sent']);
    await world.close();
  });
  it('stops sending when another instance took the claim after a stall longer than its lease', async () => {
    const { world, first, second, limitFrees, stalled, holding, other } = await oneLimitedChat([text(1), text(2)]);
    // 1. this instance sends one message a minute to the chat; the second waits for the limit, and the
    // lease's extensions stall (a frozen process, a database out of reach) until the test says
    const { outbox, stallEnds } = stalled();
    const running = holding(outbox).runOnce();
    await vi.waitFor(() => expect(first.accepted).toHaveLength(1), { timeout: 5_000, interval: 20 });

    // 2. the lease runs out unextended: another instance claims the waiting message and sends it
    world.clock.advance(30_000);
    expect(await other().runOnce()).toBe(1);

    // 3. the limit frees and the stall ends: the first instance finds the claim is no longer its own and
    // sends nothing more
    world.clock.advance(31_000);
    limitFrees();
    stallEnds();
    await running;
    expect(texts(first)).toEqual(['Pesan 1']);
    expect(texts(second)).toEqual(['Pesan 2']);
    expect((await world.db.read.outbox.findMany({ orderBy: { id: 'asc' } })).map((row) => row.status)).toEqual(['sent', 'sent']);
    await world.close();
  });
  it('stops between the documents of one message when another instance took the claim meanwhile', async () => {
    const file = (name: string) => ({ fileName: name, path: '/dev/null', mimeType: 'application/pdf' });
    // A summary and its two files, as the LPJ is sent: each file takes a send slot of its own.
    const lpj = {
      render: async () => ({ ok: true as const, message: { type: 'replies' as const, replies: [{ text: 'Ringkasan LPJ' }], documents: [file('lpj.pdf'), file('lpj.xlsx')] } }),
    };
    const { world, first, second, limitFrees, stalled, holding, other } = await oneLimitedChat([{ kind: 'lpj-uji' }], lpj);

    // 1. this instance sends the summary, then waits a minute for the chat's next slot while its lease's
    // extensions stall
    const { outbox, stallEnds } = stalled();
    const running = holding(outbox).runOnce();
    await vi.waitFor(() => expect(texts(first)).toEqual(['Ringkasan LPJ']), { timeout: 5_000, interval: 20 });

    // 2. the lease runs out: another instance claims the message and sends all of it
    world.clock.advance(30_000);
    expect(await other().runOnce()).toBe(1);
    expect(second.documents).toEqual(['lpj.pdf', 'lpj.xlsx']);

    // 3. the first instance's slot frees: its claim is gone, so it sends no file
    world.clock.advance(31_000);
    limitFrees();
    stallEnds();
    await running;
    expect(first.documents).toEqual([]);
    expect((await world.db.read.outbox.findMany()).map((row) => [row.status, row.attempts])).toEqual([['sent', 1]]);
    await world.close();
  });
});

describe('the scheduler loop', () => {
  it('sends due reminders on its own and stops cleanly', async () => {
    const world = await createWorld({ clock: createTestClock(NOW) });
    await announceTomorrow(world);
    const { sender, accepted } = recordingSender();
    const scheduler = createScheduler({
      dispatcher: dispatcherOf(world, sender),
      planner: world.stores.planner,
      outbox: world.stores.outbox,
      clock: world.clock,
      log: silent,
      pollMs: 20,
    });
    (world.clock as TestClock).set(DAY_BEFORE_19);
    scheduler.start();
    await vi.waitFor(() => expect(accepted).toHaveLength(1), { timeout: 5_000, interval: 20 });
    await scheduler.stop();
    await world.close();
  });
});
