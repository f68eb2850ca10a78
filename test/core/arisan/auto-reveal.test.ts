import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitmentOf, drawWinner, parseList } from '../../../src/core/arisan/draw.js';
import { REVEAL_DELAY_MS } from '../../../src/core/arisan/index.js';
import { createWorld, type World } from '../../helpers/world.js';
import { startMawar } from './setup.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
  await startMawar(world);
  await world.say('Bu Sri', '/arisan bayar mawar');
  await world.say('Bu Sri', '/arisan bayar mawar dari Pak Budi');
});
afterEach(() => world.close());

const commitmentIn = (text: string) => /Komitmen \(SHA-256 dari benih rahasia\): ([0-9a-f]{64})/.exec(text)![1]!;

describe('the automatic reveal', () => {
  it('reveals the round by itself once the delay is over, from the outbox, even after a restart', async () => {
    const commit = await world.say('Pak Budi', '/arisan kocok mawar');
    expect(commit).toContain('Pemenang dibuka otomatis 1 menit dari sekarang');
    world.clock.advance(REVEAL_DELAY_MS - 1_000);
    await world.deliver();
    expect(world.notices.filter((notice) => notice.text.includes('tahap 2'))).toEqual([]);
    expect(await world.db.read.arisanWin.count()).toBe(0);

    // The server restarts before the reveal is due: the reveal is a durable outbox row, not a timer.
    world = await world.restart();
    world.clock.advance(1_000);
    await world.deliver();
    const reveals = world.notices.filter((notice) => notice.text.includes('tahap 2'));
    expect(reveals).toHaveLength(1);
    const [reveal] = reveals;
    expect(reveal!.chatId).toBe('rt05');
    expect(reveal!.text).toMatch(/^⏱️ Waktu tunggu komitmen selesai; kocokan dibuka otomatis\.\n🎉 Arisan Mawar putaran 1 — tahap 2/);
    const seed = /Benih: ([0-9a-f]{64})/.exec(reveal!.text)![1]!;
    expect(commitmentOf(seed)).toBe(commitmentIn(commit));
    const winner = Number(/pemenangnya .+ \(nomor (\d+)\)/.exec(reveal!.text)![1]);
    expect(drawWinner(seed, [], parseList(/Daftar: ([\d,]+)/.exec(reveal!.text)![1]!)!).winner).toBe(winner);
    expect(reveal!.text).toContain('Dibayarkan Rp150.000 dari dana arisan-mawar. Saldo: Rp0');
    expect(await world.db.read.arisanWin.count()).toBe(1);
    // Nothing more later; a pengurus pressing kocok now starts round 2 rather than drawing round 1 again.
    world.clock.advance(REVEAL_DELAY_MS);
    expect(await world.deliver()).toBe(0);
    expect(await world.say('Bu Sri', '/arisan kocok mawar')).toContain('putaran 2 — tahap 1');
  });

  it('is withdrawn when a pengurus reveals first, and two instances delivering at once reveal once', async () => {
    await world.say('Pak Budi', '/arisan kocok mawar');
    world.clock.advance(REVEAL_DELAY_MS);
    expect(await world.say('Bu Sri', '/arisan kocok mawar')).toContain('tahap 2');
    expect(await world.deliver()).toBe(0);
    expect(world.notices.filter((notice) => notice.text.includes('tahap 2'))).toEqual([]);

    // Round 2, committed; two server instances on the same database deliver when it falls due.
    world.clock.advance(REVEAL_DELAY_MS);
    await world.say('Bu Sri', '/arisan bayar mawar');
    expect(await world.say('Pak Budi', '/arisan kocok mawar')).toContain('putaran 2 — tahap 1');
    const second = await createWorld({ url: world.db.url, clock: world.clock });
    try {
      world.clock.advance(REVEAL_DELAY_MS);
      await Promise.all([world.deliver(), second.deliver()]);
      const reveals = [...world.notices, ...second.notices].filter((notice) => notice.text.includes('putaran 2 — tahap 2'));
      expect(reveals).toHaveLength(1);
      expect(await world.db.read.arisanWin.count()).toBe(2);
      expect(await world.db.read.ledgerEntry.count({ where: { kind: 'keluar' } })).toBe(2);
    } finally {
      await second.close();
    }
  });
});
