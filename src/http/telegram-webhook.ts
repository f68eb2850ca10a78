import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export interface TelegramWebhookOptions {
  /** The path of TELEGRAM_WEBHOOK_URL. */
  readonly path: string;
  readonly secret: string;
  handleUpdate(update: { update_id: number }): Promise<void>;
}

// Only what is needed to trust and route the body; grammY reads the rest.
const update = z.looseObject({ update_id: z.number().int().nonnegative() });

/** Hashing first makes the comparison constant-time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Telegram's webhook. Only a request carrying the secret given to setWebhook is processed. The answer
 * comes once the update is applied; replies are sent afterwards, so Telegram gets its 200 fast and has
 * no reason to retry. A retry that comes anyway applies nothing twice (update and message ids).
 */
export function registerTelegramWebhook(app: FastifyInstance, options: TelegramWebhookOptions): void {
  app.post(options.path, async (request, response) => {
    const header = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof header !== 'string' || !sameSecret(header, options.secret)) {
      return response.code(401).send({ ok: false });
    }
    const parsed = update.safeParse(request.body);
    if (!parsed.success) return response.code(400).send({ ok: false });
    await options.handleUpdate(parsed.data);
    return response.code(200).send({ ok: true });
  });
}
