import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxDraft } from '../../src/store/inbox.js';
import { createWorld, type World } from '../helpers/world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  vi.useRealTimers();
  await world.close();
});

const chatId = '-100';
const update = (id: number) => ({ key: `telegram:${id}`, channel: 'telegram' as const, chatKey: `telegram:${chatId}`, payload: '{}' });
const answer = (text: string): OutboxDraft => ({ channel: 'telegram', chatId, payload: { kind: 'text', text } });

/** The chat's messages in the order the sender takes them (by id). */
async function queue(): Promise<string[]> {
  const rows = await world.db.read.outbox.findMany({ where: { chatId }, orderBy: { id: 'asc' } });
  return rows.map((row) => (JSON.parse(row.payload) as { text: string }).text);
}

describe('inbox answers in the outbox', () => {
  it('keeps an earlier answer ahead and puts the change’s own messages behind the answer, all in one millisecond', async () => {
    // Every write of this test carries the same instant, as a fast server's often do: order must not
    // depend on time telling them apart.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T08:00:00Z') });
    const { inbox, outbox } = world.stores;
    const now = new Date();
    await inbox.receive([update(1), update(2), update(3)], now);
    const [first, second, third] = await inbox.claim({ channel: 'telegram', now, limit: 10, perChat: 10, leaseMs: 60_000 });

    await inbox.finish(first!, [answer('jawaban 1')], { status: 'done' }, now, await inbox.mark());
    const secondStarted = await inbox.mark();
    // The second update's change writes a document for the chat before its answer is committed.
    await outbox.add([
      { dedupeKey: 'laporan:2', channel: 'telegram', chatId, subject: 'laporan:2', payload: { kind: 'text', text: 'lampiran 2' }, dueAt: now, notAfter: null },
    ]);
    await inbox.finish(second!, [answer('jawaban 2')], { status: 'done' }, now, secondStarted);
    await inbox.finish(third!, [answer('jawaban 3')], { status: 'done' }, now, await inbox.mark());

    expect(await queue()).toEqual(['jawaban 1', 'jawaban 2', 'lampiran 2', 'jawaban 3']);
  });

  it('moves nothing another sender holds, and nothing of a chat the answer does not go to', async () => {
    const { inbox, outbox } = world.stores;
    const now = new Date();
    await inbox.receive([update(1)], now);
    const [row] = await inbox.claim({ channel: 'telegram', now, limit: 10, perChat: 10, leaseMs: 60_000 });
    const started = await inbox.mark();
    await outbox.add([
      { dedupeKey: 'held', channel: 'telegram', chatId, subject: 'x', payload: { kind: 'text', text: 'sedang dikirim' }, dueAt: now, notAfter: null },
      { dedupeKey: 'other', channel: 'telegram', chatId: '-200', subject: 'x', payload: { kind: 'text', text: 'grup lain' }, dueAt: now, notAfter: null },
    ]);
    const [held] = await outbox.claim({ channels: ['telegram'], chatId, now, limit: 1, leaseMs: 60_000 });
    expect(held?.dedupeKey).toBe('held');
    await inbox.finish(row!, [answer('jawaban')], { status: 'done' }, now, started);

    expect(await queue()).toEqual(['sedang dikirim', 'jawaban']);
    expect(await world.db.read.outbox.count({ where: { chatId: '-200' } })).toBe(1);
  });
});
