import { existsSync } from 'node:fs';
import { createConfig } from './config.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { openRuntime } from './app-context.js';
import type { ChannelSender } from './core/index.js';
import { startScheduler } from './scheduler/index.js';
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

// Channels not built yet are reported, not silently missing.
const channels: Record<string, string> = {
  console: 'on (npm run console)',
  telegram: config.telegramToken ? 'off: not available in this version' : 'off: TELEGRAM_BOT_TOKEN is not set',
  whatsapp: config.whatsappEnabled ? 'off: not available in this version' : 'off: WHATSAPP_ENABLED is not true',
};
for (const [channel, state] of Object.entries(channels)) log.info({ channel }, `channel ${channel}: ${state}`);

// Each running channel adds its sender here; the scheduler sends due reminders through them and keeps
// rutin series planned ahead even while none runs. Console chats get theirs from their own process.
const senders: ChannelSender[] = [];
const scheduler = startScheduler(runtime.stores, senders, { clock: runtime.clock, log });

const app = await buildApp({
  log,
  version: VERSION,
  channels: () => channels,
  checkDatabase: async () => {
    await runtime.db.read.$queryRawUnsafe('SELECT 1');
  },
});
await app.listen({ host: config.host, port: config.port });
log.info({ version: VERSION, file: runtime.db.file }, 'wksbm-bot started');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  try {
    await app.close();
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
