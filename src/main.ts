import { existsSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { dashboardDeps, openRuntime } from './app-context.js';
import type { TelegramChannel } from './channels/telegram/channel.js';
import { createConfig } from './config.js';
import { describeDatabase } from './db-url.js';
import { buildApp } from './http/app.js';
import { registerTelegramWebhook } from './http/telegram-webhook.js';
import { TelegramStartError, type ChannelSender } from './core/index.js';
import { errorType } from './log-safe.js';
import { createLogger } from './logger.js';
import { instanceId, startOwnership, type Ownership } from './ownership.js';
import {
  countRecentSends,
  createProcessScheduler,
  createRateLimiter,
  TELEGRAM_LIMITS,
  telegramChatLimits,
  whatsappLimits,
  type Scheduler,
} from './scheduler/index.js';
import { createWhatsAppStore } from './store/whatsapp.js';
import { VERSION } from './version.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = createConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const log = createLogger(config.logLevel, undefined, {
  secrets: [config.telegram?.token, config.telegram?.webhook?.secret, process.env.WHATSAPP_AUTH_KEY],
});
const runtime = await openRuntime(config.databaseUrl, log, { publicUrl: config.publicUrl });

let telegram: TelegramChannel | undefined;
if (config.telegram) {
  // grammY is loaded only when Telegram is on, as Baileys only when WhatsApp is (below).
  const { createTelegramChannel } = await import('./channels/telegram/channel.js');
  telegram = createTelegramChannel({
    token: config.telegram.token,
    apiRoot: config.telegram.apiRoot,
    core: runtime.core,
    inbox: runtime.stores.inbox,
    clock: runtime.clock,
    log: log.child({ channel: 'telegram' }),
  });
  try {
    await telegram.init();
  } catch (error) {
    // A TelegramStartError's message is ours and holds no token; anything else is named by its type.
    log.fatal({ error: errorType(error) }, `telegram: ${error instanceof TelegramStartError ? error.message : 'start-up failed'}`);
    await runtime.close();
    process.exit(1);
  }
}
if (telegram) runtime.notifier.viaOutbox('telegram');
// Several instances may share the database. Any of them handles stored updates (webhook requests reach
// any); the jobs that must run once — long polling, the WhatsApp socket and sending the outbox (so the
// platforms' send limits hold for the bot as a whole) — run on one owner at a time, elected through a
// lease in the database.
const instance = instanceId();
let ownership: Ownership | undefined;
const role = () => ownership?.role() ?? 'starting';
const telegramState = (): string =>
  config.telegram
    ? config.telegram.webhook
      ? `on: webhook ${config.telegram.webhook.path}`
      : `on: long polling (${role()})`
    : 'off: TELEGRAM_BOT_TOKEN is not set';

// Baileys (and its protobufs) is loaded only when WhatsApp is on: it is most of the start-up time and memory.
const whatsapp = config.whatsappEnabled
  ? (await import('./channels/whatsapp/channel.js')).createWhatsAppChannel({
      core: runtime.core,
      store: createWhatsAppStore(runtime.db.read, runtime.writer),
      inbox: runtime.stores.inbox,
      clock: runtime.clock,
      log: log.child({ channel: 'whatsapp' }),
      authKey: config.whatsapp.authKey,
      pairingNumber: config.whatsapp.pairingNumber,
    })
  : null;

if (whatsapp) runtime.notifier.viaOutbox('whatsapp');
const whatsappState = (): string => {
  if (role() === 'owner') return whatsapp!.status();
  return role() === 'standby' ? 'standby: another instance runs WhatsApp' : 'off: another instance took WhatsApp over; restart to stand by again';
};

/** Which channels run, and why the others do not: in the log and, live, on /healthz. */
const channels = (): Record<string, string> => ({
  console: 'on (npm run console)',
  telegram: telegramState(),
  whatsapp: whatsapp ? whatsappState() : 'off: WHATSAPP_ENABLED is not true',
});
for (const [channel, state] of Object.entries(channels())) log.info({ channel }, `channel ${channel}: ${state}`);
log.info(config.publicUrl ? `dashboard: on at ${config.publicUrl}/dasbor` : 'dashboard: off (PUBLIC_URL is not set)');

// The scheduler sends due reminders through the running channels and keeps rutin series planned ahead
// even while none runs. Console chats get theirs from their own process.
const senders: ChannelSender[] = [telegram, whatsapp?.sender].filter((sender) => sender !== undefined);
// One limiter per platform, owned by the outbox's sender: nothing else in front of the API waits or retries.
// Only the owner sends (below), so the limits hold for the bot as a whole, not per instance.
const limiters = {
  telegram: createRateLimiter(TELEGRAM_LIMITS.overall, telegramChatLimits),
  whatsapp: (({ overall, perChat }) => createRateLimiter(overall, perChat))(whatsappLimits(config.whatsapp.sendIntervalMs, config.whatsapp.sendJitterMs)),
};
/** A scheduler per time this instance owns the sending (a stopped one does not start again). */
let scheduler: Scheduler | undefined;

const app = await buildApp({
  log,
  version: VERSION,
  channels,
  instance: () => ({ id: instance, role: role() }),
  checkDatabase: async () => {
    await runtime.db.read.$queryRawUnsafe('SELECT 1');
  },
  dashboard: config.publicUrl ? dashboardDeps(runtime, config.publicUrl) : undefined,
});
const webhook = config.telegram?.webhook;
if (telegram && webhook) {
  const bot = telegram;
  registerTelegramWebhook(app, { path: webhook.path, secret: webhook.secret, log, receive: (update) => bot.receive(update as Update) });
}
await app.listen({ host: config.host, port: config.port });
if (telegram) {
  if (webhook) await telegram.setWebhook(webhook.url, webhook.secret);
  // Every instance handles stored updates; with long polling only the owner polls.
  telegram.startHandling();
}
log.info({ version: VERSION, instance, database: describeDatabase(config.databaseUrl) }, 'wksbm-bot started');
let whatsappRan = false;
ownership = startOwnership({
  leases: runtime.stores.leases,
  name: 'owner',
  holder: instance,
  log,
  async start() {
    // What the previous owner sent in the last minute still counts against the limits.
    await countRecentSends(runtime.stores.outbox, limiters, runtime.clock.now());
    scheduler = createProcessScheduler(runtime.stores, senders, { clock: runtime.clock, log, limiters });
    scheduler.start();
    if (telegram && !webhook) telegram.startPolling();
    if (whatsapp) {
      whatsappRan = true;
      // Whatever happens to WhatsApp (no network, logged out), the rest of the server keeps running.
      await whatsapp.start();
    }
  },
  async stop() {
    await Promise.all([scheduler?.stop(), telegram?.stopPolling(), whatsapp?.stop()]);
    scheduler = undefined;
    // A WhatsApp channel cannot start twice in one process: an owner that lost the lease after running it
    // leaves the jobs to the new owner and stops competing (a restart makes it a standby again).
    if (whatsappRan) void ownership?.close();
  },
});

/** A stop must fit a process manager's patience: everything unsent is in the database for the next start. */
const STOP_DEADLINE_MS = 4_500;

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  setTimeout(() => {
    log.error('stop took too long; exiting, the unsent messages wait in the outbox');
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  try {
    // Give the lease up first, so another instance takes the jobs over at once; stop taking updates,
    // finish (or hand back) what is being handled and sent, then close the database.
    await ownership?.close();
    await app.close();
    await Promise.all([whatsapp?.stop(), telegram?.stop(), scheduler?.stop()]);
    await runtime.close();
    log.info('stopped');
    process.exit(0);
  } catch (error) {
    log.error({ error: errorType(error) }, 'stop failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
