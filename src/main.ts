import { existsSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { openRuntime } from './app-context.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/channel.js';
import { createWhatsAppChannel } from './channels/whatsapp/channel.js';
import { createConfig } from './config.js';
import { describeDatabase } from './db-url.js';
import { buildApp } from './http/app.js';
import { registerTelegramWebhook } from './http/telegram-webhook.js';
import type { ChannelSender } from './core/index.js';
import { createLogger } from './logger.js';
import { startScheduler } from './scheduler/index.js';
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
const log = createLogger(config.logLevel);
const runtime = await openRuntime(config.databaseUrl, log);

let telegram: TelegramChannel | undefined;
if (config.telegram) {
  telegram = createTelegramChannel({
    token: config.telegram.token,
    apiRoot: config.telegram.apiRoot,
    core: runtime.core,
    log: log.child({ channel: 'telegram' }),
  });
  try {
    await telegram.init();
  } catch (error) {
    log.fatal({ err: error }, `telegram: ${(error as Error).message}`);
    await runtime.close();
    process.exit(1);
  }
}
if (telegram) runtime.notifier.register(telegram);
const telegramState = config.telegram
  ? config.telegram.webhook
    ? `on: webhook ${config.telegram.webhook.path}`
    : 'on: long polling'
  : 'off: TELEGRAM_BOT_TOKEN is not set';

const whatsapp = config.whatsappEnabled
  ? createWhatsAppChannel({
      core: runtime.core,
      store: createWhatsAppStore(runtime.db.read, runtime.writer),
      log: log.child({ channel: 'whatsapp' }),
      authKey: config.whatsapp.authKey,
      pairingNumber: config.whatsapp.pairingNumber,
      sendIntervalMs: config.whatsapp.sendIntervalMs,
      sendJitterMs: config.whatsapp.sendJitterMs,
    })
  : null;

if (whatsapp) runtime.notifier.register(whatsapp.sender);

/** Which channels run, and why the others do not: in the log and, live, on /healthz. */
const channels = (): Record<string, string> => ({
  console: 'on (npm run console)',
  telegram: telegramState,
  whatsapp: whatsapp ? whatsapp.status() : 'off: WHATSAPP_ENABLED is not true',
});
for (const [channel, state] of Object.entries(channels())) log.info({ channel }, `channel ${channel}: ${state}`);

// The scheduler sends due reminders through the running channels and keeps rutin series planned ahead
// even while none runs. Console chats get theirs from their own process.
const senders: ChannelSender[] = [telegram, whatsapp?.sender].filter((sender) => sender !== undefined);
const scheduler = startScheduler(runtime.stores, senders, { clock: runtime.clock, log });

const app = await buildApp({
  log,
  version: VERSION,
  channels,
  checkDatabase: async () => {
    await runtime.db.read.$queryRawUnsafe('SELECT 1');
  },
});
const webhook = config.telegram?.webhook;
if (telegram && webhook) {
  const bot = telegram;
  registerTelegramWebhook(app, { path: webhook.path, secret: webhook.secret, handleUpdate: (update) => bot.handleUpdate(update as Update) });
}
await app.listen({ host: config.host, port: config.port });
if (telegram) {
  if (webhook) await telegram.setWebhook(webhook.url, webhook.secret);
  else telegram.startPolling();
}
log.info({ version: VERSION, database: describeDatabase(config.databaseUrl) }, 'wksbm-bot started');
// Whatever happens to WhatsApp (no network, logged out), the rest of the server keeps running.
await whatsapp?.start();

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  try {
    // Stop taking messages first, then finish what is in flight, then close the database.
    await whatsapp?.stop();
    await app.close();
    await telegram?.stop();
    await scheduler.stop();
    await runtime.close();
    log.info('stopped');
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'stop failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
