import { Api, Bot, GrammyError, HttpError, InputFile } from 'grammy';
import type { Chat, Update, User } from 'grammy/types';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { sharedText, TelegramStartError, withoutInvisibleEdges, type ChannelSender, type ChatRef, type Clock, type Core, type Inbound, type PhotoFile, type Reply } from '../../core/index.js';
import { createInboxWorker, type InboxWorkerOptions } from '../../inbox/worker.js';
import { errorType } from '../../log-safe.js';
import { editKind, pressAnswerKind, replyKind } from '../../outbox/index.js';
import type { InboxRow, InboxStore, OutboxDraft } from '../../store/inbox.js';
import { AdminStatusUnknown, createAdminCache } from './admins.js';
import { escapeHtml, keyboardFor, MESSAGE_LIMIT, readPress, splitForTelegram } from './format.js';
import { createHttpThread } from './http-thread.js';
import { commandMenus } from './menu.js';

export interface TelegramOptions {
  readonly token: string;
  readonly core: Core;
  readonly inbox: InboxStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** A self-hosted Bot API server; Telegram's own by default. */
  readonly apiRoot?: string;
  /** How long a group's admin list is trusted without a chat_member update. */
  readonly adminTtlMs?: number;
  /** Tries of getMe at start-up before an unreachable API is fatal. */
  readonly startAttempts?: number;
  /** Longest wait for one Bot API call other than getUpdates; bounds every lease over it. */
  readonly requestTimeoutSeconds?: number;
  readonly inboxOptions?: Partial<InboxWorkerOptions>;
}

export interface TelegramChannel extends ChannelSender {
  readonly bot: Bot;
  /** getMe and the command menu; fails with a clear message on a bad token or an unreachable API. */
  init(): Promise<void>;
  /** Long polling (and handling): each batch of updates is stored in the inbox before the next offset confirms it. */
  startPolling(): void;
  /** Stops long polling and waits until no getUpdates is pending; `startPolling` may follow again. */
  stopPolling(): Promise<void>;
  setWebhook(url: string, secret: string): Promise<void>;
  /**
   * Handles the stored updates: in webhook mode, and with long polling on every instance, whichever one
   * polls (the inbox claims each row for one instance at a time).
   */
  startHandling(): void;
  /** Stores one webhook update; resolves once it is durable (then the webhook may answer 200). */
  receive(update: Update): Promise<void>;
  /** Stops taking updates, finishes the ones being handled, hands back the rest; within a few seconds. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'chat_member', 'my_chat_member'] as const;
/** Telegram's limit for the text of an answerCallbackQuery alert. */
const ALERT_LIMIT = 200;
/** getUpdates waits this long for an update before answering empty. */
const POLL_TIMEOUT_SECONDS = 25;

/** A `t.me/<bot>?start=lapor_<code>` link arrives as `/start lapor_<code>`: it means `/lapor <code>`. */
const fromDeepLink = (text: string) => withoutInvisibleEdges(text).replace(/^\/start\s+lapor_(\w+)$/, '/lapor $1');

const personName = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);
const shorten = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

function chatRef(chat: Chat): ChatRef | null {
  if (chat.type === 'channel') return null;
  return chat.type === 'private'
    ? { channel: 'telegram', id: String(chat.id), kind: 'private' }
    : { channel: 'telegram', id: String(chat.id), kind: 'group' };
}

/** The chat an update belongs to: its updates are handled in order. */
function chatOf(update: Update): string {
  const chat = update.message?.chat ?? update.callback_query?.message?.chat ?? update.chat_member?.chat ?? update.my_chat_member?.chat;
  return chat ? `telegram:${chat.id}` : `telegram:update:${update.update_id}`;
}

const inboxKey = (update: Update) => `telegram:${update.update_id}`;

/** Chat ids are stored as text; the Bot API takes numeric ids as numbers. */
const telegramChat = (chatId: string) => (/^-?\d+$/.test(chatId) ? Number(chatId) : chatId);

/** grammY types its signal with a polyfill's class; Node's own AbortSignal is what it gets at run time. */
type GrammySignal = Parameters<Api['getMe']>[0];
const grammySignal = (signal: AbortSignal | undefined) => signal as unknown as GrammySignal;

/**
 * The Telegram channel: updates are stored in the inbox before Telegram is told they arrived, handled
 * from there into `Inbound`s for the core, and everything the bot says goes into the outbox in the
 * transaction that finishes the update; the outbox's sender (this object's `send`, `edit`, `answerPress`)
 * delivers it within Telegram's limits. It holds no business logic; it only knows Telegram.
 */
export function createTelegramChannel(options: TelegramOptions): TelegramChannel {
  const { core, log } = options;
  const timeoutSeconds = options.requestTimeoutSeconds ?? 10;
  const client = { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), timeoutSeconds };
  // No retry or throttling layer here: the outbox's sender owns the limits and the retries.
  const bot = new Bot(options.token, { client });
  const pollApi = new Api(options.token, { ...client, timeoutSeconds: POLL_TIMEOUT_SECONDS + 10 });
  // The sender's messages, hundreds a second on a busy server, go through a thread of their own, which
  // starts with the first of them: start-up, polling (a call per hundred updates) and admin lists stay
  // on the main thread, so a server that has sent nothing yet holds no thread. An upload streams its
  // file from disk, which cannot cross threads: bot.api.
  const sends = createHttpThread(options.token, client, log);
  const admins = createAdminCache(bot.api, options.adminTtlMs ?? 60_000);

  /**
   * What handling an update has to send, collected while grammY runs its handlers, whether it may be
   * handled again, and whether this is the inbox's last try at it.
   */
  const outgoing = new Map<Update, { drafts: OutboxDraft[]; redelivered: boolean; last: boolean }>();
  const queue = (ctxUpdate: Update, chatId: string, payload: OutboxDraft['payload']) =>
    outgoing.get(ctxUpdate)?.drafts.push({ channel: 'telegram', chatId, payload });

  /** One outbox row per Telegram message, so the rate limit counts each; the first quotes the command. */
  function queueReplies(update: Update, chatId: number, replies: readonly Reply[], quote?: number): void {
    let first = true;
    for (const reply of replies) {
      const parts = splitForTelegram(reply.text);
      for (const [index, part] of parts.entries()) {
        const last = index === parts.length - 1;
        queue(update, String(chatId), replyKind.make({
          replies: [{ text: part, ...(last && reply.actions ? { actions: reply.actions } : {}) }],
          ...(first && quote !== undefined ? { quote: { messageId: String(quote) } } : {}),
        }));
        first = false;
      }
    }
  }

  /**
   * Admin status where the command may need it. A failed look-up throws AdminStatusUnknown while the
   * inbox has tries left for the update, so it is handled again a little later rather than answered and
   * lost; on the last try it is `null` ("not known now"), which the core answers with "coba lagi
   * sebentar" where it matters, and other commands keep working.
   */
  async function adminStatus(update: Update, chat: ChatRef, userId: number, asksAdmin: boolean): Promise<boolean | null | undefined> {
    if (chat.kind !== 'group' || !asksAdmin) return undefined;
    // One quick second try: a connection the server closed just as it was reused fails once.
    for (let attempt = 1; ; attempt++) {
      try {
        return await admins.isAdmin(Number(chat.id), userId);
      } catch (error) {
        if (attempt < 2) continue;
        log.warn({ error: errorType(error) }, 'getChatAdministrators failed; admin status unknown for now');
        if (outgoing.get(update)?.last === false) throw new AdminStatusUnknown();
        return null;
      }
    }
  }

  async function inbound(update: Update, chat: ChatRef, from: User, messageId: string, text: string, asksAdmin: boolean): Promise<Inbound> {
    const redelivered = outgoing.get(update)?.redelivered ?? false;
    return {
      ...(redelivered ? { redelivered } : {}),
      chat,
      sender: { id: String(from.id), name: personName(from), isChatAdmin: await adminStatus(update, chat, from.id, asksAdmin) },
      messageId,
      text,
      privateStartLink: `https://t.me/${bot.botInfo.username}?start=`,
      botUsername: bot.botInfo.username,
    };
  }

  bot.on(['chat_member', 'my_chat_member'], (ctx) => admins.forget(ctx.chat.id));

  // A group upgraded to a supergroup gets a new id; both chats announce it, and either moves the link.
  bot.on('message:migrate_to_chat_id', (ctx) => core.chatMoved('telegram', String(ctx.chat.id), String(ctx.message.migrate_to_chat_id)));
  bot.on('message:migrate_from_chat_id', (ctx) => core.chatMoved('telegram', String(ctx.message.migrate_from_chat_id), String(ctx.chat.id)));

  bot.on('message:text', async (ctx) => {
    const message = ctx.message;
    const chat = chatRef(message.chat);
    if (!chat || message.from.is_bot) return;
    // The core's own reading decides whether the admin list matters, whatever invisible characters lead.
    const reading = core.read(message.text, ctx.me.username);
    if (reading.forOtherBot) return;
    const text = chat.kind === 'private' ? fromDeepLink(message.text) : message.text;
    const replies = await core.handle(await inbound(ctx.update, chat, message.from, String(message.message_id), text, reading.needsChatAdmin));
    queueReplies(ctx.update, message.chat.id, replies, message.message_id);
  });

  /**
   * Fetches a photo only when the core keeps it (a proof): getFile, then the file from the Bot API's
   * file route. Telegram sends photos as JPEG. The URL holds the token, so it never reaches a log line.
   */
  const loadPhoto = (fileId: string) => async (): Promise<PhotoFile> => {
    const file = await bot.api.getFile(fileId);
    if (!file.file_path) throw new Error('getFile returned no file_path');
    const response = await fetch(`${options.apiRoot ?? 'https://api.telegram.org'}/file/bot${options.token}/${file.file_path}`, {
      signal: AbortSignal.timeout(timeoutSeconds * 3000),
    });
    if (!response.ok) throw new Error(`photo download failed with HTTP ${response.status}`);
    return { bytes: new Uint8Array(await response.arrayBuffer()), mimeType: 'image/jpeg' };
  };

  // In a private chat a photo may be a report's picture; in a group only a /setor or /keluar caption or
  // a reply to such a message (its proof) concerns the bot, and other photos are left alone.
  bot.on('message:photo', async (ctx) => {
    const message = ctx.message;
    const chat = chatRef(message.chat);
    if (!chat || message.from.is_bot) return;
    const caption = message.caption ?? '';
    const reading = core.read(caption, ctx.me.username);
    if (reading.forOtherBot) return;
    const answered = message.reply_to_message;
    if (chat.kind === 'group' && !reading.command && !answered) return;
    const largest = message.photo.at(-1)!;
    const base = await inbound(ctx.update, chat, message.from, String(message.message_id), caption, reading.needsChatAdmin);
    const replies = await core.handle({
      ...base,
      photo: { ref: largest.file_id, load: loadPhoto(largest.file_id) },
      ...(answered
        ? { replyTo: { messageId: String(answered.message_id), ...(answered.from?.id === ctx.me.id && answered.text ? { botText: answered.text } : {}) } }
        : {}),
    });
    queueReplies(ctx.update, message.chat.id, replies, message.message_id);
  });

  bot.on('callback_query:data', async (ctx) => {
    const query = ctx.callbackQuery;
    const chat = query.message ? chatRef(query.message.chat) : null;
    // A press answer is its own queue (named by the press), never behind the chat's messages: Telegram
    // forgets a press that is not answered within seconds.
    const answer = (fields: { text?: string; alert?: boolean }) => queue(ctx.update, `press:${query.id}`, pressAnswerKind.make({ pressId: query.id, ...fields }));
    if (!query.message || !chat) return answer({});
    const press = readPress(query.data);
    // The query id is the message id: a redelivered press is the same message, a second press a new one.
    const replies = await core.handle(await inbound(ctx.update, chat, query.from, `cb:${query.id}`, press.command, true));
    const outcome = replies.map((reply) => reply.text).join('\n\n');
    if (replies.every((reply) => reply.refused) || !press.settles) {
      // Only the presser hears it: an alert for a refusal, a short notice otherwise.
      return answer(outcome ? { text: shorten(outcome, ALERT_LIMIT), alert: replies.some((r) => r.refused) } : {});
    }
    answer({});
    queue(ctx.update, String(query.message.chat.id), editKind.make({ messageId: String(query.message.message_id), text: shorten(outcome, MESSAGE_LIMIT) }));
  });

  const worker = createInboxWorker({
    store: options.inbox,
    channel: 'telegram',
    clock: options.clock,
    log,
    options: options.inboxOptions,
    handler: {
      async handle(row: InboxRow, { last }) {
        const update = JSON.parse(row.payload) as Update;
        const drafts: OutboxDraft[] = [];
        outgoing.set(update, { drafts, redelivered: row.redelivered, last });
        try {
          await bot.handleUpdate(update);
        } finally {
          outgoing.delete(update);
        }
        return drafts;
      },
      failed(row: InboxRow) {
        const update = JSON.parse(row.payload) as Update;
        const drafts: OutboxDraft[] = [];
        const query = update.callback_query;
        if (query) {
          drafts.push({ channel: 'telegram', chatId: `press:${query.id}`, payload: pressAnswerKind.make({ pressId: query.id, text: sharedText.serverError(), alert: true }) });
        } else if (update.message) {
          const quote = { messageId: String(update.message.message_id) };
          drafts.push({ channel: 'telegram', chatId: String(update.message.chat.id), payload: replyKind.make({ replies: [{ text: sharedText.serverError() }], quote }) });
        }
        return drafts;
      },
    },
  });

  async function store(updates: readonly Update[]): Promise<void> {
    await options.inbox.receive(
      updates.map((update) => ({ key: inboxKey(update), channel: 'telegram', chatKey: chatOf(update), payload: JSON.stringify(update) })),
      options.clock.now(),
    );
    worker.wake();
  }

  let polling: { stop: AbortController; done: Promise<void> } | undefined;

  /**
   * Our own getUpdates loop instead of grammY's runner: the next offset, which tells Telegram the
   * updates arrived, is asked for only after the batch is stored. A crash before that gets the same
   * updates again, and the inbox keeps one row per update.
   */
  async function poll(signal: AbortSignal): Promise<void> {
    let offset: number | undefined;
    for (let failures = 0; !signal.aborted; ) {
      try {
        const updates = await pollApi.getUpdates({ offset, timeout: POLL_TIMEOUT_SECONDS, allowed_updates: [...ALLOWED_UPDATES] }, grammySignal(signal));
        if (updates.length) {
          await store(updates);
          offset = updates.at(-1)!.update_id + 1;
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        failures++;
        const delay = Math.min(60_000, 500 * 2 ** Math.min(failures, 7));
        log.warn({ error: errorType(error), failures, delay }, 'getUpdates failed, retrying');
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  async function init(): Promise<void> {
    const attempts = options.startAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        bot.botInfo = await bot.api.getMe();
        break;
      } catch (error) {
        if (error instanceof GrammyError) {
          throw new TelegramStartError(
            error.error_code === 401 || error.error_code === 404
              ? 'TELEGRAM_BOT_TOKEN was refused by the Bot API (401/404): check the token from @BotFather'
              : `the Bot API refused getMe (${error.error_code})`,
          );
        }
        if (!(error instanceof HttpError) || attempt >= attempts) {
          throw new TelegramStartError(`cannot reach the Telegram Bot API at ${options.apiRoot ?? 'https://api.telegram.org'} (${errorType(error)})`);
        }
        const delay = 500 * 2 ** attempt;
        log.warn({ attempt, delay }, 'Telegram Bot API unreachable, retrying');
        await sleep(delay);
      }
    }
    // The command menu is a convenience: without it every command still works when typed.
    for (const menu of commandMenus(core.commands)) {
      try {
        await bot.api.setMyCommands(menu.commands, { scope: menu.scope });
      } catch (error) {
        log.warn({ error: errorType(error), scope: menu.scope.type }, 'setMyCommands failed; the command menu is not shown');
      }
    }
    log.info({ username: bot.botInfo.username }, 'telegram bot ready');
  }

  return {
    channel: 'telegram',
    bot,
    init,
    startPolling() {
      worker.start();
      const stop = new AbortController();
      polling = { stop, done: poll(stop.signal) };
    },
    async stopPolling() {
      polling?.stop.abort();
      await polling?.done;
      polling = undefined;
    },
    async setWebhook(url, secret) {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    },
    startHandling() {
      worker.start();
    },
    receive: (update) => store([update]),
    async send(chatId, replies, sendOptionsIn) {
      let quote = sendOptionsIn?.quote;
      for (const reply of replies) {
        const parts = splitForTelegram(reply.text);
        for (const [index, part] of parts.entries()) {
          await sends.call(
            'sendMessage',
            {
              chat_id: telegramChat(chatId),
              text: escapeHtml(part),
              parse_mode: 'HTML',
              reply_parameters: quote ? { message_id: Number(quote.messageId), allow_sending_without_reply: true } : undefined,
              reply_markup: index === parts.length - 1 ? keyboardFor(reply.actions) : undefined,
            },
            sendOptionsIn?.signal,
          );
          quote = undefined;
        }
      }
    },
    async edit(chatId, messageId, text, editOptions) {
      await sends.call('editMessageText', { chat_id: telegramChat(chatId), message_id: Number(messageId), text: escapeHtml(text), parse_mode: 'HTML' }, editOptions?.signal);
    },
    async answerPress(pressId, answer, answerOptions) {
      await sends.call('answerCallbackQuery', { callback_query_id: pressId, ...(answer.text ? { text: answer.text, show_alert: answer.alert ?? false } : {}) }, answerOptions?.signal);
    },
    async sendDocument(chatId, document, documentOptions) {
      // grammY streams the file from disk into the multipart upload.
      await bot.api.sendDocument(telegramChat(chatId), new InputFile(document.path, document.fileName), {}, grammySignal(documentOptions?.signal));
    },
    async stop() {
      polling?.stop.abort();
      await polling?.done;
      await worker.stop();
      sends.close();
    },
  };
}
