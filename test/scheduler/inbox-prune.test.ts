import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/scheduler/index.js';
import { createWorld, type World } from '../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  world.clock.set('2026-11-01T00:00:00Z');
});
afterEach(async () => world.close());

const update = (id: number) => ({ key: `telegram:${id}`, channel: 'telegram' as const, chatKey: 'telegram:-1', payload: '{}' });

describe('inbox retention', () => {
  it('deletes handled updates after a week and keeps the newer ones and those not yet handled', async () => {
    const { inbox } = world.stores;
    await inbox.receive([update(1), update(2)], world.clock.now());
    const old = await inbox.claim({ channel: 'telegram', now: world.clock.now(), limit: 10, perChat: 10, leaseMs: 60_000 });
    await inbox.finish(old[0]!, [], { status: 'done' }, world.clock.now(), 0);
    await inbox.finish(old[1]!, [], { status: 'failed', error: 'Error' }, world.clock.now(), 0);
    world.clock.set('2026-11-07T00:00:00Z');
    await inbox.receive([update(3), update(4)], world.clock.now());
    const recent = await inbox.claim({ channel: 'telegram', now: world.clock.now(), limit: 1, perChat: 1, leaseMs: 60_000 });
    await inbox.finish(recent[0]!, [], { status: 'done' }, world.clock.now(), 0);

    world.clock.set('2026-11-09T00:00:00Z');
    const scheduler = startScheduler(world.stores, [], { clock: world.clock, log: pino({ level: 'silent' }) });
    const left = async () => (await world.db.read.inboxUpdate.findMany({ orderBy: { id: 'asc' } })).map((row) => row.key);
    for (let i = 0; i < 100 && (await left()).length > 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    expect(await left()).toEqual(['telegram:3', 'telegram:4']);
  });
});
