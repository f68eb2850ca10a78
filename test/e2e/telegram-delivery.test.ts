import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/channel.js';
import { systemClock, type Core } from '../../src/core/index.js';
import { buildApp } from '../../src/http/app.js';
import { registerTelegramWebhook } from '../../src/http/telegram-webhook.js';
import { startBotApiServer, type BotApiServer, type TestUser } from '../helpers/bot-api-server.js';
import { createMemoryLog } from '../helpers/memory-log.js';
import { ROOT } from '../helpers/paths.js';
import { startTelegramBot, type TestTelegramBot } from '../helpers/telegram-bot.js';
import { createWorld, type World } from '../helpers/world.js';

const GROUP = -100600;
const sri: TestUser = { id: 31, first_name: 'Bu', last_name: 'Sri' };
const joko: TestUser = { id: 33, first_name: 'Mas', last_name: 'Joko' };
const SECRET = 'rahasia-webhook-0123456789';

let api: BotApiServer;
let world: World;
let bot: TestTelegramBot | undefined;

beforeEach(async () => {
  api = await startBotApiServer();
  world = await createWorld();
  api.setAdmin(GROUP, sri, 'creator');
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await api.close();
  await world.close();
});

const texts = () => api.sent('sendMessage').map((payload) => String(payload.text));

/** A core whose first `failures` messages fail as a bug or a lost database would. */
function failingFirst(core: Core, failures: number, message = 'boom'): Core {
  let left = failures;
  return {
    commands: core.commands,
    chatMoved: core.chatMoved,
    sameIdentity: core.sameIdentity,
    read: core.read,
    async handle(inbound) {
      if (left-- > 0) throw new Error(message);
      return core.handle(inbound);
    },
  };
}

/** The bot in webhook mode behind the route, both logging into `log`. */
async function webhook(core: Core, log: Logger) {
  bot = await startTelegramBot(world, api, { log, core });
  const { channel } = bot;
  channel.startHandling();
  const app = await buildApp({ log: pino({ level: 'silent' }), version: 't', channels: () => ({}), checkDatabase: async () => {} });
  registerTelegramWebhook(app, { path: '/hook', secret: SECRET, log, receive: (update) => channel.receive(update as never) });
  const post = (update: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/hook', headers: { 'x-telegram-bot-api-secret-token': SECRET }, payload: update });
  return { app, post };
}

describe('Telegram webhook through the inbox', () => {
  it('applies an update whose handling failed, and a retry of it by Telegram changes nothing', async () => {
    const memory = createMemoryLog();
    const { app, post } = await webhook(failingFirst(world.core, 1, 'CANARY-ERROR-MESSAGE'), memory.log);
    const mulai = { update_id: 41, ...api.message(GROUP, sri, '/mulai WKSBM CANARY-WEBHOOK-TEXT') };
    // 1. Telegram gets its 200 once the update is stored, although handling it fails the first time
    expect((await post(mulai)).statusCode).toBe(200);
    // 2. the inbox tries it again and the group is answered
    await api.waitFor(() => texts().some((text) => text.includes('terdaftar')));
    expect(await world.db.read.wksbm.count()).toBe(1);
    // 3. Telegram sends it again anyway: nothing more happens
    expect((await post(mulai)).statusCode).toBe(200);
    const setor = { update_id: 42, ...api.message(GROUP, sri, '/setor 5000 kas') };
    expect((await post(setor)).statusCode).toBe(200);
    await api.waitFor(() => texts().length === 2);
    await bot!.stop();
    expect(texts().filter((text) => text.includes('terdaftar'))).toHaveLength(1);
    expect(await world.db.read.wksbm.count()).toBe(1);
    // 4. the failure is logged without the update, the error's message or the token
    const log = memory.lines.join('');
    expect(log).toContain('update failed, will retry');
    for (const secret of ['CANARY-WEBHOOK-TEXT', 'CANARY-ERROR-MESSAGE', api.token]) expect(log).not.toContain(secret);
    await app.close();
  });

  it('tells the group something went wrong after the last try, and logs none of it', async () => {
    const memory = createMemoryLog();
    const { app, post } = await webhook(failingFirst(world.core, 100, 'CANARY-ERROR-MESSAGE'), memory.log);
    expect((await post({ update_id: 43, ...api.message(GROUP, sri, '/setor 5000 kas CANARY-NOTE') })).statusCode).toBe(200);
    await api.waitFor(() => texts().length === 1, 15_000);
    expect(texts()[0]).toContain('terjadi kesalahan di server');
    expect((await world.db.read.inboxUpdate.findFirstOrThrow()).status).toBe('failed');
    const log = memory.lines.join('');
    expect(log).toContain('update given up');
    for (const secret of ['CANARY-NOTE', 'CANARY-ERROR-MESSAGE', api.token]) expect(log).not.toContain(secret);
    await app.close();
  });

  it('answers 500 when the update cannot be stored, so Telegram sends it again', async () => {
    const memory = createMemoryLog();
    const app = await buildApp({ log: pino({ level: 'silent' }), version: 't', channels: () => ({}), checkDatabase: async () => {} });
    registerTelegramWebhook(app, {
      path: '/hook',
      secret: SECRET,
      log: memory.log,
      receive: async () => {
        throw new Error(`database gone CANARY-STORE ${api.token}`);
      },
    });
    const response = await app.inject({
      method: 'POST',
      url: '/hook',
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
      payload: { update_id: 44, ...api.message(GROUP, sri, '/lapor CANARY-BODY') },
    });
    expect(response.statusCode).toBe(500);
    const log = memory.lines.join('');
    expect(log).toContain('telegram webhook update not stored');
    for (const secret of ['CANARY-STORE', 'CANARY-BODY', api.token]) expect(log).not.toContain(secret);
    await app.close();
  });
});

describe('Telegram start-up and admin look-ups that fail', () => {
  it('starts although setMyCommands answers 500, with a warning, and answers commands', async () => {
    const memory = createMemoryLog();
    api.outage('setMyCommands', 2, 500);
    bot = await startTelegramBot(world, api, { log: memory.log });
    bot.channel.startPolling();
    expect(memory.lines.join('')).toContain('setMyCommands failed');
    api.push(api.message(GROUP, sri, '/mulai WKSBM Kemuning'));
    await api.waitFor(() => texts().length === 1);
    expect(texts()[0]).toContain('WKSBM Kemuning terdaftar');
  });

  it('stops with a message naming no token when the API cannot be reached', async () => {
    const memory = createMemoryLog();
    const url = api.url;
    const channel = createTelegramChannel({
      token: api.token,
      apiRoot: url.replace(/:\d+$/, ':1'),
      core: world.core,
      inbox: world.stores.inbox,
      clock: systemClock,
      log: memory.log,
      startAttempts: 1,
    });
    const failure = await channel.init().catch((error: Error) => error);
    expect(String(failure)).toContain('cannot reach the Telegram Bot API');
    expect(String(failure)).not.toContain(api.token);
    expect(memory.lines.join('')).not.toContain(api.token);
  });

  it('answers "coba lagi sebentar" to a pengurus while the admin list cannot be read; an anggota carries on', async () => {
    bot = await startTelegramBot(world, api, { adminTtlMs: 0 });
    bot.channel.startPolling();
    api.push(api.message(GROUP, sri, '/mulai WKSBM Kenari'));
    await api.waitFor(() => texts().length === 1);
    api.outage('getChatAdministrators', 100, 500);
    api.push(api.message(GROUP, sri, '/keluar 1000 kas sapu'));
    await api.waitFor(() => texts().length === 2);
    expect(texts()[1]).toContain('coba lagi sebentar');
    api.push(api.message(GROUP, joko, '/saldo'));
    await api.waitFor(() => texts().length === 3);
    expect(texts()[2]).toContain('Kas');
    api.push(api.message(-100601, sri, '/mulai WKSBM Lain'));
    await api.waitFor(() => texts().length === 4);
    expect(texts()[3]).toContain('coba lagi sebentar');
    expect(await world.db.read.wksbm.count()).toBe(1);
  });
});

describe('Telegram bot killed between a change and its reply', () => {
  it('answers the change it made once after the restart, even while admin status cannot be read', { timeout: 120_000 }, async () => {
    bot = await startTelegramBot(world, api);
    bot.channel.startPolling();
    api.push(api.message(GROUP, sri, '/mulai WKSBM Kenari'));
    await api.waitFor(() => texts().length === 1);
    await bot.stop();
    bot = undefined;

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/crash-after-change.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: world.db.url, TELEGRAM_API_ROOT: api.url, TELEGRAM_BOT_TOKEN: api.token },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    await once(child.stdout!, 'data');
    api.push(api.message(GROUP, sri, '/setor 5000 kas'));
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    const kas = () => world.db.read.fund.findFirstOrThrow({ where: { name: 'kas' } });
    // The change is committed; its reply was not.
    expect((await kas()).balance).toBe(5000n);
    expect(texts()).toHaveLength(1);

    // The restarted bot cannot read the admin list: deciding anew would say "coba lagi", and a pengurus
    // who typed /setor again would pay twice.
    api.outage('getChatAdministrators', 1_000, 500);
    bot = await startTelegramBot(world, api, { adminTtlMs: 0 });
    bot.channel.startPolling();
    await api.waitFor(() => texts().length === 2, 30_000);
    expect(texts()[1]).toContain('5.000');
    expect(texts()[1]).not.toContain('coba lagi');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(texts()).toHaveLength(2);
    expect((await kas()).balance).toBe(5000n);
    expect(await world.db.read.ledgerEntry.count()).toBe(1);
  });
});

describe('Telegram sends that fail', () => {
  it('retries a refused reply and logs neither its text nor the token', async () => {
    const memory = createMemoryLog();
    bot = await startTelegramBot(world, api, { log: memory.log });
    bot.channel.startPolling();
    api.outage('sendMessage', 2, 500);
    api.push(api.message(GROUP, sri, '/mulai WKSBM CANARY-REPLY'));
    await api.waitFor(() => texts().length === 1, 20_000);
    expect(texts()[0]).toContain('CANARY-REPLY');
    const log = memory.lines.join('');
    expect(log).toContain('send failed, will retry');
    for (const secret of ['CANARY-REPLY', api.token]) expect(log).not.toContain(secret);
  });
});

describe('Telegram group upgraded to a supergroup', () => {
  it('keeps its WKSBM, its books and its meetings\' reminders under the new chat id', async () => {
    bot = await startTelegramBot(world, api);
    bot.channel.startPolling();
    const OLD = -600;
    const NEW = -1001234500600;
    api.setAdmin(OLD, sri, 'creator');
    api.setAdmin(NEW, sri, 'creator');
    const date = Math.floor(Date.now() / 1000);
    // 1. a group with books and a meeting whose reminders wait in the outbox
    for (const [count, text] of [[1, '/mulai WKSBM Migrasi'], [2, '/setor 5000 kas'], [3, '/rapat insidental lusa 19.30 Balai RW | Rapat']] as const) {
      api.push(api.message(OLD, sri, text));
      await api.waitFor(() => texts().length === count);
    }
    const reminders = () => world.db.read.outbox.findMany({ where: { subject: { startsWith: 'occurrence:' } } });
    expect((await reminders()).map((row) => row.chatId)).toEqual([String(OLD), String(OLD)]);
    // 2. Telegram upgrades it: the old group says where it went, the supergroup where it came from
    api.push({ message: { message_id: 9001, date, chat: { id: OLD, type: 'group', title: 'Grup' }, from: { ...sri, is_bot: false }, migrate_to_chat_id: NEW } });
    api.push({ message: { message_id: 1, date, chat: { id: NEW, type: 'supergroup', title: 'Grup' }, from: { ...sri, is_bot: false }, migrate_from_chat_id: OLD } });
    // 3. the supergroup is the same WKSBM, with the same books, and its reminders go to it
    api.push(api.message(NEW, sri, '/saldo'));
    await api.waitFor(() => texts().length === 4);
    expect(texts()[3]).toContain('Kas: Rp5.000');
    expect((await reminders()).map((row) => row.chatId)).toEqual([String(NEW), String(NEW)]);
    expect(await world.db.read.wksbm.count()).toBe(1);
  });
});
