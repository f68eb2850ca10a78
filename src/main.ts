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
import { instanceId, startOwnership, type Ownership } from './ownership.js';
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
const log = createLogger(config.logLevel, undefined, {
  secrets: [config.telegram?.token, config.telegram?.webhook?.secret, process.env.WHATSAPP_AUTH_KEY],
});
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
// Several instances may share the database. Webhook updates reach any of them; long polling and the
// WhatsApp socket run on one owner at a time, elected through a lease in the database.
const instance = instanceId();
const owners: Record<string, Ownership> = {};
const telegramState = (): string =>
  config.telegram
    ? config.telegram.webhook
      ? `on: webhook ${config.telegram.webhook.path}`
      : `on: long polling (${owners['telegram-polling']?.role() ?? 'starting'})`
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
const whatsappState = (): string => {
  const role = owners.whatsapp?.role() ?? 'starting';
  if (role === 'owner') return whatsapp!.status();
  return role === 'standby' ? 'standby: another instance runs WhatsApp' : 'off: another instance took WhatsApp over; restart to stand by again';
};

/** Which channels run, and why the others do not: in the log and, live, on /healthz. */
const channels = (): Record<string, string> => ({
  console: 'on (npm run console)',
  telegram: telegramState(),
  whatsapp: whatsapp ? whatsappState() : 'off: WHATSAPP_ENABLED is not true',
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
  instance: () => ({ id: instance, roles: Object.fromEntries(Object.entries(owners).map(([job, owner]) => [job, owner.role()])) }),
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
  if (webhook) {
    await telegram.setWebhook(webhook.url, webhook.secret);
  } else {
    const bot = telegram;
    owners['telegram-polling'] = startOwnership({
      leases: runtime.stores.leases,
      name: 'telegram-polling',
      holder: instance,
      log,
      start: () => bot.startPolling(),
      stop: () => bot.stopPolling(),
    });
  }
}
log.info({ version: VERSION, instance, database: describeDatabase(config.databaseUrl) }, 'wksbm-bot started');
if (whatsapp) {
  const channel = whatsapp;
  let ran = false;
  owners.whatsapp = startOwnership({
    leases: runtime.stores.leases,
    name: 'whatsapp',
    holder: instance,
    log,
    // Whatever happens to WhatsApp (no network, logged out), the rest of the server keeps running.
    start: async () => {
      ran = true;
      await channel.start();
    },
    // The channel cannot start twice in one process: an owner that lost the lease leaves WhatsApp to the
    // new owner and stops competing (a restart makes it a standby again).
    stop: async () => {
      await channel.stop();
      if (ran) void owners.whatsapp?.close();
    },
  });
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  try {
    // Stop taking messages first, then finish what is in flight, then close the database. Leases are
    // given up at once, so another instance takes polling and WhatsApp over without waiting.
    await Promise.all(Object.values(owners).map((owner) => owner.close()));
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
