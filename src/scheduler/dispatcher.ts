import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { ChannelSender } from '../core/message.js';
import type { MeetingPlanner } from '../store/meetings.js';
import type { OutboxMessage, OutboxStore, Outcome } from '../store/outbox.js';
import type { RateLimiter } from './rate-limit.js';
import { renderPayload } from './render.js';

export interface DispatcherOptions {
  /** Most messages claimed at once; never more than the rate limit allows now. */
  readonly batch: number;
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
  leaseMs: 60_000,
  maxAttempts: 8,
  backoffMs: 2_000,
  maxBackoffMs: 5 * 60_000,
};

export interface DispatcherDeps {
  readonly outbox: OutboxStore;
  readonly planner: MeetingPlanner;
  readonly senders: readonly ChannelSender[];
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly log: Logger;
  /** Only this chat's messages: a console process delivers its own chat's. */
  readonly chatId?: string;
  readonly options?: Partial<DispatcherOptions>;
  /** Jitter source; tests pass a constant. */
  readonly random?: () => number;
}

export interface Dispatcher {
  /** When the next message this dispatcher may claim falls due, or null when none waits. */
  nextDue(): Promise<Date | null>;
  /** Claims what is due and may be sent now, sends it, and records each outcome. Returns how many it handled. */
  runOnce(): Promise<number>;
  /** Milliseconds until the overall rate limit allows a send. */
  blockedForMs(): number;
}

/** Telegram (grammY's GrammyError) and our loopback say how long to wait in `parameters.retry_after`. */
function retryAfterMs(error: unknown): number | null {
  const seconds = (error as { parameters?: { retry_after?: unknown } } | null)?.parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : null;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const options = { ...DISPATCHER_DEFAULTS, ...deps.options };
  const random = deps.random ?? Math.random;
  const senders = new Map(deps.senders.map((sender) => [sender.channel, sender]));
  const channels = [...senders.keys()];

  function backoff(attempts: number): number {
    const base = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** attempts);
    return Math.round(base * (0.8 + 0.4 * random()));
  }

  async function deliver(message: OutboxMessage): Promise<Outcome> {
    const now = deps.clock.now();
    // After a downtime: a reminder for a meeting that already started is useless, so it is dropped.
    if (message.notAfter && now >= message.notAfter) return { kind: 'dropped', why: 'meeting started' };
    const rendered = await renderPayload(deps.planner, message.payload, now);
    if (!rendered.ok) return { kind: 'dropped', why: rendered.why };
    const chatKey = `${message.channel}:${message.chatId}`;
    const slot = deps.limiter.take(chatKey, now.getTime());
    if (!slot.ok) return { kind: 'retry', at: new Date(now.getTime() + slot.waitMs), attempt: false, error: 'rate limit' };
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
    }
  }

  return {
    nextDue: () => deps.outbox.nextDue(channels, deps.clock.now(), deps.chatId),
    blockedForMs: () => deps.limiter.overallWaitMs(deps.clock.now().getTime()),
    async runOnce() {
      const now = deps.clock.now();
      const limit = Math.min(options.batch, deps.limiter.available(now.getTime()));
      const claimed = await deps.outbox.claim({ channels, chatId: deps.chatId, now, limit, leaseMs: options.leaseMs });
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
