import { describe, expect, it } from 'vitest';
import { createRateLimiter, TELEGRAM_LIMITS } from '../../src/scheduler/rate-limit.js';

const limiter = () => createRateLimiter(TELEGRAM_LIMITS.overall, TELEGRAM_LIMITS.perChat);

describe('rate limits', () => {
  it('allows 30 sends in any one second overall, never 31', () => {
    const limits = limiter();
    let sent = 0;
    // 2 seconds, one attempt per millisecond, each to another chat.
    const times: number[] = [];
    for (let now = 0; now < 2000; now++) {
      const slot = limits.take(`chat-${now}`, now);
      if (slot.ok) {
        slot.done(now);
        sent++;
        times.push(now);
      }
    }
    expect(sent).toBeGreaterThanOrEqual(57);
    for (let i = 30; i < times.length; i++) expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000);
  });

  it('allows 20 sends a minute to one group and says how long to wait', () => {
    const limits = limiter();
    for (let i = 0; i < 20; i++) {
      const slot = limits.take('rt05', i * 100);
      expect(slot.ok).toBe(true);
      if (slot.ok) slot.done(i * 100);
    }
    const refused = limits.take('rt05', 2000);
    expect(refused.ok).toBe(false);
    expect(limits.take('rt06', 2000).ok).toBe(true);
    const waitMs = refused.ok ? 0 : refused.waitMs;
    expect(waitMs).toBeGreaterThanOrEqual(58_000);
    expect(limits.take('rt05', 2000 + waitMs - 1).ok).toBe(false);
    expect(limits.take('rt05', 2000 + waitMs).ok).toBe(true);
  });

  it('counts a send that is still in flight after a window as arriving now', () => {
    const limits = limiter();
    const slots = Array.from({ length: 30 }, (_, i) => limits.take(`chat-${i}`, 0));
    expect(slots.every((slot) => slot.ok)).toBe(true);
    // Two seconds later none has been answered (a stalled event loop): each may reach Telegram now.
    expect(limits.take('chat-late', 2000)).toEqual({ ok: false, waitMs: TELEGRAM_LIMITS.overall.windowMs });
    for (const slot of slots) if (slot.ok) slot.done(2000);
    expect(limits.take('chat-late', 2000 + TELEGRAM_LIMITS.overall.windowMs - 1).ok).toBe(false);
    expect(limits.take('chat-late', 2000 + TELEGRAM_LIMITS.overall.windowMs).ok).toBe(true);
  });

  it('holds a chat back until the time a 429 named', () => {
    const limits = limiter();
    limits.pause('rt05', 5000);
    expect(limits.take('rt05', 1000)).toEqual({ ok: false, waitMs: 4000 });
    expect(limits.take('rt05', 5000).ok).toBe(true);
  });
});
