import { Boom } from '@hapi/boom';
import { BotError, GrammyError, HttpError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { WksError } from '../src/core/index.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createMemoryLog } from './helpers/memory-log.js';
import { createWorld, type World } from './helpers/world.js';

let world: World | undefined;
afterEach(async () => world?.close());

describe('logger', () => {
  it('never writes what a failed database query held, also when it is the cause of another error', async () => {
    world = await createWorld();
    const canary = 'CANARY-Mbah-Sumi-RT03';
    const failure = await world.db.read.person
      .create({ data: { name: canary, unknownField: canary } as never })
      .catch((error: unknown) => error as Error);
    expect(String(failure)).toContain(canary);

    const { log, lines } = createMemoryLog();
    log.error({ err: failure }, 'case write failed');
    log.error({ err: new WksError('WKS_ERR_STORE', 'wrapped', { cause: failure }) }, 'store failed');
    const written = lines.join('');
    expect(written).not.toContain(canary);
    expect(written).toContain('PrismaClientValidationError');
  });

  it('keeps the message and stack of other errors', () => {
    const { log, lines } = createMemoryLog();
    log.error({ err: new Error('Bot API unreachable') }, 'start failed');
    expect(lines.join('')).toContain('Bot API unreachable');
    expect(lines.join('')).toContain('"stack"');
  });
});

describe('logger: the errors of the libraries', () => {
  const CANARY = 'CANARY-Mbah-Sumi-Jl-Melati-7';
  const TOKEN = '7012345678:AAHfakeTokenForTestsOnly_0123456789';
  const logged = (fields: Record<string, unknown>) => {
    const { log, lines } = createMemoryLog();
    log.error(fields, 'failed');
    return lines.join('');
  };

  it('keeps what grammY refused (method, code, description) but not the payload it was sending', () => {
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      'sendMessage',
      { chat_id: -100, text: `Kasus #1: ${CANARY}` },
    );
    const line = logged({ err: error });
    expect(line).not.toContain(CANARY);
    expect(line).toContain('"method":"sendMessage"');
    expect(line).toContain('"error_code":400');
    expect(line).toContain('chat not found');
  });

  it('keeps a network failure but not the token in the URL it names', () => {
    const network = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: ECONNRESET`);
    const line = logged({ err: new HttpError("Network request for 'sendMessage' failed!", network) });
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('AAHfakeToken');
    expect(line).toContain('ECONNRESET');
  });

  it("logs a failed update's error without the update or the context around it", () => {
    const ctx = { update: { update_id: 7, message: { text: `/lapor ${CANARY}` } }, api: { token: TOKEN } };
    const line = logged({ err: new BotError(new Error('handler broke'), ctx as never) });
    expect(line).toContain('handler broke');
    expect(line).not.toContain(CANARY);
    expect(line).not.toContain(TOKEN);
  });

  it("keeps a Boom error's status but not its data", () => {
    const error = new Boom('Connection Closed', { statusCode: 428, data: { message: { conversation: CANARY } } });
    const line = logged({ err: error });
    expect(line).toContain('Connection Closed');
    expect(line).toContain('"statusCode":428');
    expect(line).not.toContain(CANARY);
  });

  it('serialises errors Baileys logs under other keys, and censors its protocol nodes', () => {
    const line = logged({
      error: new Boom('Bad MAC', { statusCode: 500, data: { conversation: CANARY } }),
      e: new Error('stream errored'),
      node: `<message><body>${CANARY}</body></message>`,
      content: [{ tag: 'body', content: CANARY }],
      payloadNode: CANARY,
      fullErrorNode: CANARY,
      data: { text: CANARY },
    });
    expect(line).toContain('Bad MAC');
    expect(line).toContain('stream errored');
    expect(line).not.toContain(CANARY);
  });

  it('withholds thrown values that are not errors, and censors text fields anywhere', () => {
    expect(logged({ err: { text: CANARY } })).not.toContain(CANARY);
    expect(logged({ err: CANARY })).not.toContain(CANARY);
    expect(logged({ deep: { payload: { text: CANARY } }, update: { message: CANARY }, body: CANARY, caption: CANARY })).not.toContain(CANARY);
  });

  it('replaces the configured secrets and anything shaped like a bot token in every line', () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (line: string) => lines.push(line) }, { secrets: ['rahasia-webhook-0123456789'] });
    log.info({ url: 'https://example.org/hook' }, 'webhook secret rahasia-webhook-0123456789 set');
    log.info(`token ${TOKEN}`);
    const written = lines.join('');
    expect(written).not.toContain('rahasia-webhook');
    expect(written).not.toContain(TOKEN);
  });

  it('logs Fastify requests as method and path, without query, headers or the token in the path', async () => {
    const { log, lines } = createMemoryLog();
    const app = await buildApp({ log, version: 'test', checkDatabase: async () => {}, channels: () => ({}) });
    app.post(`/bot${TOKEN}/hook`, async () => ({ ok: true }));
    await app.inject({
      method: 'POST',
      url: `/bot${TOKEN}/hook?token=${TOKEN}&q=${CANARY}`,
      headers: { 'x-telegram-bot-api-secret-token': 'rahasia-header', cookie: 'sid=rahasia' },
      payload: { message: { text: CANARY } },
    });
    await app.close();
    const written = lines.join('');
    expect(written).toContain('"method":"POST"');
    expect(written).toContain('/bot[redacted]/hook');
    for (const secret of [CANARY, TOKEN, 'rahasia-header', 'rahasia']) expect(written).not.toContain(secret);
  });
});
