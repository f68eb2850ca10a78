import { existsSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { dashboardDeps, openRuntime } from './app-context.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/channel.js';
import { createConfig } from './config.js';
import { buildApp } from './http/app.js';
import { registerTelegramWebhook } from './http/telegram-webhook.js';
import { TelegramStartError, type ChannelSender } from './core/index.js';
import { errorType } from './log-safe.js';
import { createLogger } from './logger.js';
import { createRateLimiter, startScheduler, TELEGRAM_LIMITS, telegramChatLimits, whatsappLimits } from './scheduler/index.js';
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
const telegramState = config.telegram
  ? config.telegram.webhook
    ? `on: webhook ${config.telegram.webhook.path}`
    : 'on: long polling'
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

/** Which channels run, and why the others do not: in the log and, live, on /healthz. */
const channels = (): Record<string, string> => ({
  console: 'on (npm run console)',
  telegram: telegramState,
  whatsapp: whatsapp ? whatsapp.status() : 'off: WHATSAPP_ENABLED is not true',
});
for (const [channel, state] of Object.entries(channels())) log.info({ channel }, `channel ${channel}: ${state}`);
log.info(config.publicUrl ? `dashboard: on at ${config.publicUrl}/dasbor` : 'dashboard: off (PUBLIC_URL is not set)');

// The scheduler sends due reminders through the running channels and keeps rutin series planned ahead
// even while none runs. Console chats get theirs from their own process.
const senders: ChannelSender[] = [telegram, whatsapp?.sender].filter((sender) => sender !== undefined);
// One limiter per platform, owned by the outbox's sender: nothing else in front of the API waits or retries.
const scheduler = startScheduler(runtime.stores, senders, {
  clock: runtime.clock,
  log,
  limiters: {
    telegram: createRateLimiter(TELEGRAM_LIMITS.overall, telegramChatLimits),
    whatsapp: (({ overall, perChat }) => createRateLimiter(overall, perChat))(
      whatsappLimits(config.whatsapp.sendIntervalMs, config.whatsapp.sendJitterMs),
    ),
  },
});

const app = await buildApp({
  log,
  version: VERSION,
  channels,
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
  if (webhook) {
    await telegram.setWebhook(webhook.url, webhook.secret);
    telegram.startWebhook();
  } else telegram.startPolling();
}
log.info({ version: VERSION, file: runtime.db.file }, 'wksbm-bot started');
// Whatever happens to WhatsApp (no network, logged out), the rest of the server keeps running.
await whatsapp?.start();

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
    // Stop taking updates, finish (or hand back) what is being handled and sent, then close the database.
    await app.close();
    await Promise.all([whatsapp?.stop(), telegram?.stop(), scheduler.stop()]);
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
