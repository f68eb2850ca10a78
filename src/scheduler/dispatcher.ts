import type { Logger } from 'pino';
import type { ChannelSender, Clock, SchedulerPlanner, OutboxMessage, OutboxStore, Outcome } from '../core/index.js';
import type { RateLimiter, Take } from './rate-limit.js';
import { renderPayload } from './render.js';

export interface DispatcherOptions {
  /** Most messages claimed at once: about a second of sends, so the next batch is ready when the limit frees. */
  readonly batch: number;
  /** A claimed message waits this long at most for the rate limit; a longer wait hands it back. */
  readonly maxHoldMs: number;
  /** How long a claim holds; far longer than one send, so a live instance never loses its claim. */
  readonly leaseMs: number;
  /** Failed sends before a message is given up. */
  readonly maxAttempts: number;
  /** First retry delay; doubled each attempt up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

export const DISPATCHER_DEFAULTS: DispatcherOptions = {
  batch: 30,
  maxHoldMs: 5_000,
  leaseMs: 60_000,
  maxAttempts: 8,
  backoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
};

export interface DispatcherDeps {
  readonly outbox: OutboxStore;
  readonly planner: SchedulerPlanner;
  readonly senders: readonly ChannelSender[];
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly log: Logger;
  /** Only this chat's messages: a console process delivers its own chat's. */
  readonly chatId?: string;
  readonly options?: Partial<DispatcherOptions>;
  /** Jitter source; tests pass a constant. */
  readonly random?: () => number;
  /** How a held message waits for the rate limit. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Dispatcher {
  /** When the next message this dispatcher may claim falls due, or null when none waits. */
  nextDue(): Promise<Date | null>;
  /**
   * Claims a batch of due messages, sends each as the rate limits allow, and records each outcome.
   * Returns how many it claimed. Several may run at once (the scheduler runs two): while one waits for
   * the limit to free, the next batch is already claimed and rendered.
   */
  runOnce(): Promise<number>;

}

/** Telegram (grammY's GrammyError) and our loopback say how long to wait in `parameters.retry_after`. */
function retryAfterMs(error: unknown): number | null {
  const seconds = (error as { parameters?: { retry_after?: unknown } } | null)?.parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : null;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = { ...DISPATCHER_DEFAULTS, ...deps.options };
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const senders = new Map(deps.senders.map((sender) => [sender.channel, sender]));
  const channels = [...senders.keys()];

  function backoff(attempts: number): number {
    const base = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** attempts);
    return Math.round(base * (0.8 + 0.4 * random()));
  }

  /** Waits for a send slot for this chat if that is soon; else says how long until one is free. */
  async function slotFor(chatKey: string): Promise<Take> {
    for (;;) {
      const slot = deps.limiter.take(chatKey, deps.clock.now().getTime());
      if (slot.ok || slot.waitMs > options.maxHoldMs) return slot;
      await sleep(slot.waitMs);
    }
  }

  async function deliver(message: OutboxMessage): Promise<Outcome> {
    // After a downtime: a reminder for a meeting that already started is useless, so it is dropped.
    const started = () => message.notAfter !== null && deps.clock.now() >= message.notAfter;
    if (started()) return { kind: 'dropped', why: 'meeting started' };
    const rendered = await renderPayload(deps.planner, message.payload, deps.clock.now());
    if (!rendered.ok) return { kind: 'dropped', why: rendered.why };
    const chatKey = `${message.channel}:${message.chatId}`;
    const slot = await slotFor(chatKey);
    const now = deps.clock.now();
    if (!slot.ok) return { kind: 'retry', at: new Date(now.getTime() + slot.waitMs), attempt: false, error: 'rate limit' };
    if (started()) {
      slot.done(now.getTime());
      return { kind: 'dropped', why: 'meeting started' };
    }
    try {
      await senders.get(message.channel)!.send(message.chatId, rendered.replies);
      return { kind: 'sent', at: deps.clock.now() };
    } catch (error) {
      const attempts = message.attempts + 1;
      const text = String((error as Error)?.message ?? error).slice(0, 200);
      const wait = retryAfterMs(error);
      if (wait !== null) deps.limiter.pause(chatKey, now.getTime() + wait);
      if (attempts >= options.maxAttempts) return { kind: 'failed', error: text };
      deps.log.warn({ outbox: message.id, attempts, channel: message.channel }, 'send failed, will retry');
      return { kind: 'retry', at: new Date(now.getTime() + Math.max(wait ?? 0, backoff(message.attempts))), attempt: true, error: text };
    } finally {
      slot.done(deps.clock.now().getTime());
    }
  }

  return {
    nextDue: () => deps.outbox.nextDue(channels, deps.clock.now(), deps.chatId),
    async runOnce() {
      const now = deps.clock.now();
      const claimed = await deps.outbox.claim({ channels, chatId: deps.chatId, now, limit: options.batch, leaseMs: options.leaseMs });
      await Promise.all(
        claimed.map(async (message) => {
          let outcome: Outcome;
          try {
            outcome = await deliver(message);
          } catch (error) {
            // A bug or a database failure while rendering: keep the message for a later try.
            deps.log.error({ err: error, outbox: message.id }, 'rendering an outbox message failed');
            outcome = { kind: 'retry', at: new Date(now.getTime() + backoff(message.attempts)), attempt: true, error: 'render failed' };
          }
          const kept = await deps.outbox.settle(message, outcome);
          if (!kept) deps.log.warn({ outbox: message.id }, 'claim expired before the outcome was recorded');
          if (outcome.kind === 'failed') deps.log.error({ outbox: message.id }, 'outbox message given up');
        }),
      );
      return claimed.length;
    },
  };
}
