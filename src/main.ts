import { existsSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { openRuntime } from './app-context.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/channel.js';
import { createConfig } from './config.js';
import { buildApp } from './http/app.js';
import { registerTelegramWebhook } from './http/telegram-webhook.js';
import { createLogger } from './logger.js';
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

/** Which channels run, and why the others do not: in the log and on /healthz. */
const channels: Record<string, string> = { console: 'on (npm run console)' };

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
  channels.telegram = config.telegram.webhook ? `on: webhook ${config.telegram.webhook.path}` : 'on: long polling';
} else {
  channels.telegram = 'off: TELEGRAM_BOT_TOKEN is not set';
}
channels.whatsapp = config.whatsappEnabled ? 'off: not available in this version' : 'off: WHATSAPP_ENABLED is not true';
for (const [channel, state] of Object.entries(channels)) log.info({ channel }, `channel ${channel}: ${state}`);

const app = await buildApp({
  log,
  version: VERSION,
  channels: () => channels,
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
log.info({ version: VERSION, file: runtime.db.file }, 'wksbm-bot started');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  try {
    // Stop taking updates first, then finish what is in flight, then close the database.
    await app.close();
    await telegram?.stop();
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
