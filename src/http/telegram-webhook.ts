import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { safeError } from '../log-safe.js';

export interface TelegramWebhookOptions {
  /** The path of TELEGRAM_WEBHOOK_URL. */
  readonly path: string;
  readonly secret: string;
  readonly log: Logger;
  /** Stores the update in the inbox; resolves once it is durable. */
  receive(update: { update_id: number }): Promise<void>;
}

// Only what is needed to trust and route the body; grammY reads the rest.
const update = z.looseObject({ update_id: z.number().int().nonnegative() });

/** Hashing first makes the comparison constant-time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Telegram's webhook. Only a request carrying the secret given to setWebhook is processed. The 200
 * comes once the update is stored in the inbox, which handles it from there (and tries it again if
 * handling fails); when storing fails Telegram gets a 500 and sends it again. A retry of a stored update
 * is the same inbox row, so nothing is applied twice. The error handler logs no body.
 */
export function registerTelegramWebhook(app: FastifyInstance, options: TelegramWebhookOptions): void {
  app.post(options.path, {
    // The path may hold the bot token (a common choice), so Fastify's request lines are off for it.
    logLevel: 'silent',
    errorHandler: (error, _request, response) => {
      // Never the request: its body is what people wrote.
      options.log.error({ error: safeError(error) }, 'telegram webhook update not stored; Telegram will send it again');
      return response.code(500).send({ ok: false });
    },
  }, async (request, response) => {
    const header = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof header !== 'string' || !sameSecret(header, options.secret)) {
      return response.code(401).send({ ok: false });
    }
    const parsed = update.safeParse(request.body);
    if (!parsed.success) return response.code(400).send({ ok: false });
    await options.receive(parsed.data);
    return response.code(200).send({ ok: true });
  });
}
