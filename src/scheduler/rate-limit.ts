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

export type Take =
  /** `done(at)` when the platform has answered: the send counts from then on, not from its start. */
  | { readonly ok: true; readonly done: (at: number) => void }
  | { readonly ok: false; readonly waitMs: number };

export interface RateLimiter {
  /** Takes a send for this chat at `now` from both limits, or says how long until one is free. */
  take(chat: string, now: number): Take;
  /** The platform answered 429: nothing more to this chat before `until`. */
  pause(chat: string, until: number): void;
}

/**
 * The sends of the last window. A send counts from when it started until it is done, then from when
 * it was done: the platform counts arrivals, which lie between the two, so counting the later time
 * keeps a limit even when network or event-loop delays bunch arrivals together.
 */
class Window {
  private sends: { at: number }[] = [];
  constructor(private readonly rule: WindowLimit) {}

  private prune(now: number): void {
    this.sends = this.sends.filter((send) => send.at > now - this.rule.windowMs);
  }

  /** Milliseconds until a send is free (0 when one is). */
  waitMs(now: number): number {
    this.prune(now);
    if (this.sends.length < this.rule.limit) return 0;
    return Math.min(...this.sends.map((send) => send.at)) + this.rule.windowMs - now;
  }

  record(now: number): { at: number } {
    const send = { at: now };
    this.sends.push(send);
    return send;
  }

  isEmpty(now: number): boolean {
    this.prune(now);
    return this.sends.length === 0;
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
      const sends = [global.record(now), window.record(now)];
      return {
        ok: true,
        done: (at) => {
          for (const send of sends) send.at = Math.max(send.at, at);
        },
      };
    },
    pause(chat, until) {
      paused.set(chat, Math.max(paused.get(chat) ?? 0, until));
    },
  };
}

/**
 * Telegram's published limits for bots: 30 messages a second, 20 a minute to one group. Counting each
 * send from when it is done (see Window) already absorbs network delays; the 1% longer windows only
 * cover the platform's clock and ours ticking differently.
 */
export const TELEGRAM_LIMITS = {
  overall: { limit: 30, windowMs: 1_010 },
  perChat: { limit: 20, windowMs: 60_600 },
} as const satisfies Record<string, WindowLimit>;
