import { pino, type Logger } from 'pino';
import { createTelegramChannel, type TelegramChannel, type TelegramOptions } from '../../src/channels/telegram/channel.js';
import { systemClock } from '../../src/core/index.js';
import { createRateLimiter, startScheduler, TELEGRAM_LIMITS, telegramChatLimits, type Scheduler } from '../../src/scheduler/index.js';
import { startBotApiServer, type BotApiServer, type TestUser } from './bot-api-server.js';
import { createMemoryLog } from './memory-log.js';
import { createWorld, type World } from './world.js';

export interface TestTelegramBot {
  readonly channel: TelegramChannel;
  readonly scheduler: Scheduler;
  stop(): Promise<void>;
}

const UNLIMITED = { limit: 1_000_000, windowMs: 1 };

/**
 * The Telegram channel wired as src/main.ts wires it: the real grammY client against the loopback Bot
 * API, the inbox handled from the world's database, and the outbox sent by the production scheduler.
 * Telegram's rate limits apply only with `limits: true` (tests that measure pacing). A test that sets
 * the world's clock passes it as `clock`, so reminders are planned and sent at the test's time.
 */
export async function startTelegramBot(
  world: World,
  api: BotApiServer,
  options: Partial<Pick<TelegramOptions, 'adminTtlMs' | 'inboxOptions' | 'core' | 'clock'>> & { limits?: boolean; log?: Logger; init?: boolean } = {},
): Promise<TestTelegramBot> {
  const log = options.log ?? pino({ level: 'silent' });
  const clock = options.clock ?? systemClock;
  const channel = createTelegramChannel({
    token: api.token,
    apiRoot: api.url,
    core: options.core ?? world.core,
    inbox: world.stores.inbox,
    clock,
    log,
    adminTtlMs: options.adminTtlMs,
    inboxOptions: { pollMs: 100, backoffMs: 200, ...options.inboxOptions },
  });
  if (options.init !== false) await channel.init();
  const scheduler = startScheduler(world.stores, [channel], {
    clock,
    log,
    pollMs: 100,
    limiters: {
      telegram: options.limits
        ? createRateLimiter(TELEGRAM_LIMITS.overall, telegramChatLimits)
        : createRateLimiter(UNLIMITED, UNLIMITED),
    },
  });
  return {
    channel,
    scheduler,
    async stop() {
      await Promise.all([channel.stop(), scheduler.stop()]);
    },
  };
}

/** A Bot API server, a world logging into memory and its bot polling: one group's end-to-end setting. */
export interface TelegramGroupSetting {
  readonly api: BotApiServer;
  readonly world: World;
  readonly bot: TestTelegramBot;
  /** Every log line written, to grep for canaries. */
  readonly logged: string[];
}

/**
 * Starts the setting with `admin` as the group's creator, notices sent through the outbox. With `at`,
 * the world's clock starts there and the bot runs on it (reminders at the test's time).
 */
export async function startTelegramGroup(group: number, admin: TestUser, options: { at?: string } = {}): Promise<TelegramGroupSetting> {
  const api = await startBotApiServer();
  const { log, lines } = createMemoryLog();
  const world = await createWorld({ log });
  if (options.at) world.clock.set(options.at);
  api.setAdmin(group, admin, 'creator');
  const bot = await startTelegramBot(world, api, { log, ...(options.at ? { clock: world.clock } : {}) });
  world.notifier.viaOutbox('telegram');
  bot.channel.startPolling();
  return { api, world, bot, logged: lines };
}

export async function stopTelegramGroup(setting: Pick<TelegramGroupSetting, 'api' | 'world' | 'bot'>): Promise<void> {
  await setting.bot.stop();
  await setting.api.close();
  await setting.world.close();
}
