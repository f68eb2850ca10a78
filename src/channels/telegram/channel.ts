import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import { Api, Bot, GrammyError, HttpError, type Context } from 'grammy';
import type { Chat, Update, User } from 'grammy/types';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { sharedText, TelegramStartError, withoutInvisibleEdges, type ChannelSender, type ChatRef, type Core, type Inbound, type Reply } from '../../core/index.js';
import { createAdminCache } from './admins.js';
import { escapeHtml, keyboardFor, MESSAGE_LIMIT, readPress, splitForTelegram } from './format.js';
import { commandMenus } from './menu.js';

export interface TelegramOptions {
  readonly token: string;
  readonly core: Core;
  readonly log: Logger;
  /** A self-hosted Bot API server; Telegram's own by default. */
  readonly apiRoot?: string;
  /** How long a group's admin list is trusted without a chat_member update. */
  readonly adminTtlMs?: number;
  /** Outgoing limits; Telegram's by default (30/s overall, 20/min and 1/s per group, 1/s per private chat). */
  readonly throttle?: APIThrottlerOptions | false;
  readonly retry?: Partial<AutoRetryOptions>;
  /** Tries of getMe at start-up before an unreachable API is fatal. */
  readonly startAttempts?: number;
}

export interface TelegramChannel extends ChannelSender {
  readonly bot: Bot;
  /** getMe and the command menu; fails with a clear message on a bad token or an unreachable API. */
  init(): Promise<void>;
  startPolling(): void;
  /** Stops long polling and waits until no getUpdates is pending; `startPolling` may follow again. */
  stopPolling(): Promise<void>;
  setWebhook(url: string, secret: string): Promise<void>;
  handleUpdate(update: Update): Promise<void>;
  /** Stops taking updates, then waits for the ones in flight and their replies. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'chat_member', 'my_chat_member'] as const;
/** Telegram's limit for the text of an answerCallbackQuery alert. */
const ALERT_LIMIT = 200;
const SEEN_UPDATES = 10_000;

/** A `t.me/<bot>?start=lapor_<code>` link arrives as `/start lapor_<code>`: it means `/lapor <code>`. */
const fromDeepLink = (text: string) => withoutInvisibleEdges(text).replace(/^\/start\s+lapor_(\w+)$/, '/lapor $1');

const personName = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);
const shorten = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

function chatRef(chat: Chat): ChatRef | null {
  if (chat.type === 'channel') return null;
  return chat.type === 'private'
    ? { channel: 'telegram', id: String(chat.id), kind: 'private' }
    : { channel: 'telegram', id: String(chat.id), kind: 'group', title: chat.title };
}

/**
 * The Telegram channel: grammY updates become `Inbound`s for the core, its replies become messages.
 * It holds no business logic; it only knows Telegram (admins, buttons, HTML, limits).
 */
export function createTelegramChannel(options: TelegramOptions): TelegramChannel {
  const { core, log } = options;
  const client = options.apiRoot ? { apiRoot: options.apiRoot } : undefined;
  const bot = new Bot(options.token, client ? { client } : undefined);
  if (options.throttle !== false) bot.api.config.use(apiThrottler(options.throttle ?? {}));
  // Installed last, so it runs first: a 429 is waited out and retried, and the retry is throttled too.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 120, ...options.retry }));
  const admins = createAdminCache(bot.api, options.adminTtlMs ?? 60_000);

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>, what: string) => {
    const tracked = work
      .catch((error: unknown) => log.error({ err: error, what }, 'telegram send failed'))
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  async function send(chatId: number | string, replies: readonly Reply[], quote?: number): Promise<void> {
    for (const reply of replies) {
      const parts = splitForTelegram(reply.text);
      for (const [index, part] of parts.entries()) {
        await bot.api.sendMessage(chatId, escapeHtml(part), {
          parse_mode: 'HTML',
          reply_parameters: quote && index === 0 ? { message_id: quote, allow_sending_without_reply: true } : undefined,
          reply_markup: index === parts.length - 1 ? keyboardFor(reply.actions) : undefined,
        });
      }
      quote = undefined;
    }
  }

  async function inbound(chat: ChatRef, from: User, messageId: string, text: string, asksAdmin: boolean): Promise<Inbound> {
    const isChatAdmin = chat.kind === 'group' && asksAdmin ? await admins.isAdmin(Number(chat.id), from.id) : undefined;
    return {
      chat,
      sender: { id: String(from.id), name: personName(from), isChatAdmin },
      messageId,
      text,
      privateStartLink: `https://t.me/${bot.botInfo.username}?start=`,
      botUsername: bot.botInfo.username,
    };
  }

  // A webhook retried by Telegram, or an update refetched after a restart, is dropped here when this
  // process has seen it; the core's message keys make sure nothing is applied twice in any case.
  const seen = new Set<number>();
  bot.use(async (ctx, next) => {
    const id = ctx.update.update_id;
    if (seen.has(id)) return;
    seen.add(id);
    if (seen.size > SEEN_UPDATES) seen.delete(seen.values().next().value!);
    await next();
  });
  // One chat's updates in order; different chats at the same time.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  bot.on(['chat_member', 'my_chat_member'], (ctx) => admins.forget(ctx.chat.id));

  bot.on('message:text', async (ctx) => {
    const message = ctx.message;
    const chat = chatRef(message.chat);
    if (!chat || message.from.is_bot) return;
    // The core's own reading decides whether the admin list matters, whatever invisible characters lead.
    const reading = core.read(message.text, ctx.me.username);
    if (reading.forOtherBot) return;
    const text = chat.kind === 'private' ? fromDeepLink(message.text) : message.text;
    const replies = await core.handle(await inbound(chat, message.from, String(message.message_id), text, reading.needsChatAdmin));
    if (replies.length) track(send(message.chat.id, replies, message.message_id), 'reply');
  });

  // A photo only means something in a private chat (a report's picture); the core keeps its file_id.
  bot.on('message:photo', async (ctx) => {
    const message = ctx.message;
    const chat = chatRef(message.chat);
    if (!chat || chat.kind !== 'private' || message.from.is_bot) return;
    const largest = message.photo.at(-1)!;
    const base = await inbound(chat, message.from, String(message.message_id), message.caption ?? '', false);
    const replies = await core.handle({ ...base, photo: { ref: largest.file_id } });
    if (replies.length) track(send(message.chat.id, replies, message.message_id), 'reply');
  });

  bot.on('callback_query:data', async (ctx) => {
    const query = ctx.callbackQuery;
    const chat = query.message ? chatRef(query.message.chat) : null;
    if (!query.message || !chat) {
      await ctx.answerCallbackQuery();
      return;
    }
    const press = readPress(query.data);
    // The query id is the message id: a redelivered press is the same message, a second press a new one.
    const replies = await core.handle(await inbound(chat, query.from, `cb:${query.id}`, press.command, true));
    const outcome = replies.map((reply) => reply.text).join('\n\n');
    if (replies.every((reply) => reply.refused) || !press.settles) {
      // Only the presser hears it: an alert for a refusal, a short notice otherwise.
      await ctx.answerCallbackQuery(outcome ? { text: shorten(outcome, ALERT_LIMIT), show_alert: replies.some((r) => r.refused) } : {});
      return;
    }
    await ctx.answerCallbackQuery();
    track(
      bot.api.editMessageText(query.message.chat.id, query.message.message_id, escapeHtml(shorten(outcome, MESSAGE_LIMIT)), {
        parse_mode: 'HTML',
      }),
      'edit',
    );
  });

  bot.catch(async (error) => {
    log.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed');
    const chatId = error.ctx.chat?.id;
    if (chatId !== undefined) {
      track(send(chatId, [{ text: sharedText.serverError() }]), 'error notice');
    }
  });

  let runner: RunnerHandle | undefined;

  async function init(): Promise<void> {
    const attempts = options.startAttempts ?? 4;
    // Without the bot's transformers: auto-retry would keep an unreachable API waiting for minutes.
    const plain = new Api(options.token, client);
    for (let attempt = 1; ; attempt++) {
      try {
        bot.botInfo = await plain.getMe();
        break;
      } catch (error) {
        if (error instanceof GrammyError) {
          throw new TelegramStartError(
            error.error_code === 401 || error.error_code === 404
              ? 'TELEGRAM_BOT_TOKEN was refused by the Bot API (401/404): check the token from @BotFather'
              : `the Bot API refused getMe: ${error.description}`,
            { cause: error },
          );
        }
        if (!(error instanceof HttpError) || attempt >= attempts) {
          throw new TelegramStartError(
            `cannot reach the Telegram Bot API at ${options.apiRoot ?? 'https://api.telegram.org'}: ${(error as Error).message}`,
            { cause: error },
          );
        }
        const delay = 500 * 2 ** attempt;
        log.warn({ attempt, delay }, 'Telegram Bot API unreachable, retrying');
        await sleep(delay);
      }
    }
    for (const menu of commandMenus(core.commands)) await bot.api.setMyCommands(menu.commands, { scope: menu.scope });
    log.info({ username: bot.botInfo.username }, 'telegram bot ready');
  }

  return {
    channel: 'telegram',
    bot,
    init,
    startPolling() {
      runner = run(bot, {
        runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, retryInterval: 'exponential' },
      });
    },
    async stopPolling() {
      if (runner?.isRunning()) await runner.stop();
      runner = undefined;
    },
    async setWebhook(url, secret) {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    },
    handleUpdate: (update) => bot.handleUpdate(update),
    send: (chatId, replies) => send(chatId, replies),
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
