/**
 * The platforms' send limits, kept in this process: at most `limit` sends in any `windowMs`, overall
 * and per chat (Telegram: 30 a second overall, 20 a minute per group).
 *
 * A sliding window (the times of the last sends) rather than a token bucket: a bucket that holds 30
 * tokens and refills 30 a second lets 59 sends through in one second, which a platform counting per
 * second refuses with 429. The window is exact and costs one timestamp per send within it.
 */
export interface WindowLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export type Take = { readonly ok: true } | { readonly ok: false; readonly waitMs: number };

export interface RateLimiter {
  /** Takes a send for this chat at `now` from both limits, or says how long until one is free. */
  take(chat: string, now: number): Take;
  /** The platform answered 429: nothing more to this chat before `until`. */
  pause(chat: string, until: number): void;
}

class Window {
  private readonly times: number[] = [];
  constructor(private readonly rule: WindowLimit) {}

  private prune(now: number): void {
    while (this.times.length && this.times[0]! <= now - this.rule.windowMs) this.times.shift();
  }

  free(now: number): number {
    this.prune(now);
    return this.rule.limit - this.times.length;
  }

  /** Milliseconds until a send is free (0 when one is). */
  waitMs(now: number): number {
    return this.free(now) > 0 ? 0 : this.times[0]! + this.rule.windowMs - now;
  }

  record(now: number): void {
    this.times.push(now);
  }

  isEmpty(now: number): boolean {
    return this.free(now) === this.rule.limit;
  }
}

/** Past this many chats the idle ones are forgotten, so memory follows the chats sending now. */
const SWEEP_AT = 5_000;

export function createRateLimiter(overall: WindowLimit, perChat: WindowLimit): RateLimiter {
  const global = new Window(overall);
  const chats = new Map<string, Window>();
  const paused = new Map<string, number>();

  function chatWindow(chat: string, now: number): Window {
    let window = chats.get(chat);
    if (!window) {
      if (chats.size >= SWEEP_AT) for (const [key, idle] of chats) if (idle.isEmpty(now)) chats.delete(key);
      window = new Window(perChat);
      chats.set(chat, window);
    }
    return window;
  }

  return {
    take(chat, now) {
      const until = paused.get(chat);
      if (until !== undefined && until > now) return { ok: false, waitMs: until - now };
      if (until !== undefined) paused.delete(chat);
      const window = chatWindow(chat, now);
      const waitMs = Math.max(global.waitMs(now), window.waitMs(now));
      if (waitMs > 0) return { ok: false, waitMs };
      global.record(now);
      window.record(now);
      return { ok: true };
    },
    pause(chat, until) {
      paused.set(chat, Math.max(paused.get(chat) ?? 0, until));
    },
  };
}

/**
 * Telegram's published limits for bots (30 messages a second, 20 a minute to one group), with windows
 * 5% longer: a few milliseconds of network jitter must not land a 31st message in one of Telegram's
 * seconds, which it answers with 429.
 */
export const TELEGRAM_LIMITS = {
  overall: { limit: 30, windowMs: 1_050 },
  perChat: { limit: 20, windowMs: 63_000 },
} as const satisfies Record<string, WindowLimit>;
