import { existsSync } from 'node:fs';
import { createConfig } from './config.js';
import { createWhatsAppChannel } from './channels/whatsapp/channel.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { openRuntime } from './app-context.js';
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

// Channels not built yet are reported, not silently missing.
const channels = (): Record<string, string> => ({
  console: 'on (npm run console)',
  telegram: config.telegramToken ? 'off: not available in this version' : 'off: TELEGRAM_BOT_TOKEN is not set',
  whatsapp: whatsapp ? whatsapp.status() : 'off: WHATSAPP_ENABLED is not true',
});
for (const [channel, state] of Object.entries(channels())) log.info({ channel }, `channel ${channel}: ${state}`);

const app = await buildApp({
  log,
  version: VERSION,
  channels,
  checkDatabase: async () => {
    await runtime.db.read.$queryRawUnsafe('SELECT 1');
  },
});
await app.listen({ host: config.host, port: config.port });
log.info({ version: VERSION, file: runtime.db.file }, 'wksbm-bot started');
// Whatever happens to WhatsApp (no network, logged out), the rest of the server keeps running.
await whatsapp?.start();

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  try {
    await whatsapp?.stop();
    await app.close();
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
