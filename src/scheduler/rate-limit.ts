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
  /** Up to this much longer per send, at random, so the sends do not go like a metronome (WhatsApp). */
  readonly jitterMs?: number;
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
  /** A send made elsewhere (another instance, before this one took the sending over) counts from `at`. */
  record(chat: string, at: number): void;
}

/**
 * The sends of the last window. A send counts from when it started until it is done, then from when
 * it was done: the platform counts arrivals, which lie between the two, so counting the later time
 * keeps a limit even when network or event-loop delays bunch arrivals together.
 */
interface Send {
  at: number;
  jitter: number;
  /** Not answered yet: it may arrive at the platform at any moment from now on. */
  inFlight: boolean;
}

class Window {
  private sends: Send[] = [];
  constructor(
    private readonly rule: WindowLimit,
    private readonly random: () => number,
  ) {}

  /**
   * A send still in flight is kept however long ago it started: on a loaded machine or a slow network
   * it can arrive more than a window after it was taken, and forgetting it let one more through.
   */
  private prune(now: number): void {
    this.sends = this.sends.filter((send) => send.inFlight || send.at > now - this.rule.windowMs);
  }

  /** Milliseconds until a send is free (0 when one is); a send in flight counts as arriving now. */
  waitMs(now: number): number {
    this.prune(now);
    if (this.sends.length < this.rule.limit) return 0;
    return Math.min(...this.sends.map((send) => (send.inFlight ? Math.max(send.at, now) : send.at))) + this.rule.windowMs - now;
  }

  record(now: number): Send {
    const send = { at: now, jitter: (this.rule.jitterMs ?? 0) * this.random(), inFlight: true };
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

/** The limits of one chat: one rule for every chat, or rules by chat (a Telegram group has one more). */
export type ChatLimits = WindowLimit | ((chat: string) => readonly WindowLimit[]);

export function createRateLimiter(overall: WindowLimit, perChat: ChatLimits, random: () => number = Math.random): RateLimiter {
  const global = new Window(overall, random);
  const chats = new Map<string, Window[]>();
  const paused = new Map<string, number>();
  const rulesOf = typeof perChat === 'function' ? perChat : () => [perChat];

  function chatWindows(chat: string, now: number): Window[] {
    let windows = chats.get(chat);
    if (!windows) {
      if (chats.size >= SWEEP_AT) for (const [key, idle] of chats) if (idle.every((window) => window.isEmpty(now))) chats.delete(key);
      windows = rulesOf(chat).map((rule) => new Window(rule, random));
      chats.set(chat, windows);
    }
    return windows;
  }

  return {
    take(chat, now) {
      const until = paused.get(chat);
      if (until !== undefined && until > now) return { ok: false, waitMs: until - now };
      if (until !== undefined) paused.delete(chat);
      const windows = chatWindows(chat, now);
      const waitMs = Math.max(global.waitMs(now), ...windows.map((window) => window.waitMs(now)));
      if (waitMs > 0) return { ok: false, waitMs };
      const sends = [global.record(now), ...windows.map((window) => window.record(now))];
      return {
        ok: true,
        done: (at) => {
          for (const send of sends) {
            send.at = Math.max(send.at, at) + send.jitter;
            send.jitter = 0;
            send.inFlight = false;
          }
        },
      };
    },
    pause(chat, until) {
      paused.set(chat, Math.max(paused.get(chat) ?? 0, until));
    },
    record(chat, at) {
      // Sent and answered elsewhere: it counts from `at` and, unlike a send of ours, is not in flight.
      for (const send of [global.record(at), ...chatWindows(chat, at).map((window) => window.record(at))]) send.inFlight = false;
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

/** One message a second in any chat; a group (negative id) also 20 a minute. Keys are `telegram:<chat id>`. */
export const telegramChatLimits = (chat: string): readonly WindowLimit[] =>
  chat.split(':')[1]?.startsWith('-')
    ? [{ limit: 1, windowMs: 1_010 }, TELEGRAM_LIMITS.perChat]
    : [{ limit: 1, windowMs: 1_010 }];

/** The cautious WhatsApp pace: per chat one message every `intervalMs` plus jitter, and 10 a second overall. */
export const whatsappLimits = (intervalMs: number, jitterMs: number) => ({
  overall: { limit: 10, windowMs: 1_000 },
  perChat: { limit: 1, windowMs: intervalMs, jitterMs },
});
