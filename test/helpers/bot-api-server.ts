import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot API server on loopback, enough of Telegram's for the real grammY client: long polling,
 * webhooks, sending and editing messages, documents uploaded as multipart/form-data, callback answers,
 * admins, the command menu, and 429s on demand. It records every call the bot makes.
 */
export interface UploadedFile {
  readonly fileName: string;
  readonly content: Buffer;
}

export interface Call {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  /** Files of a multipart call (sendDocument), by form field. */
  readonly files: Record<string, UploadedFile>;
  readonly at: number;
  /** The HTTP status the bot got: 200, or 429/502 when a storm or an outage was asked for. */
  status: number;
}

export interface TestUser {
  readonly id: number;
  readonly first_name: string;
  readonly last_name?: string;
}

export interface BotApiServer {
  readonly url: string;
  readonly token: string;
  readonly calls: Call[];
  /** Successful calls of one method, e.g. every sendMessage that went through. */
  sent(method: string): Record<string, unknown>[];
  /** How many calls of one method went through, without copying them (a benchmark asks after every call). */
  sentCount(method: string): number;
  /** Makes a user an administrator ('creator' or 'administrator') of a group, or no longer one. */
  setAdmin(chatId: number, user: TestUser, status: 'creator' | 'administrator' | null): void;
  /** Queues an update for getUpdates; returns its update_id. */
  push(update: Record<string, unknown>): number;
  /** A text message from a user in a chat (negative id: a group). */
  message(chatId: number, from: TestUser, text: string, messageId?: number): Record<string, unknown>;
  /**
   * A photo from a user (kept as a file the bot can fetch with getFile and the file route), with a
   * caption and as an answer to an earlier message when asked.
   */
  photo(chatId: number, from: TestUser, content: Buffer, options?: { caption?: string; replyTo?: number; replyToBot?: string }): Record<string, unknown>;
  /** A press of an inline button under one of the bot's messages. */
  press(chatId: number, from: TestUser, messageId: number, data: string): Record<string, unknown>;
  /**
   * The next `count` calls of `method` fail with `status` (502 by default, as a proxy in front of
   * Telegram does in an outage; 500 as an emulator answers a method it does not know).
   */
  outage(method: string, count: number, status?: number): void;
  /** The next `count` calls of `method` answer 429 with this retry_after. */
  tooManyRequests(method: string, count: number, retryAfter: number): void;
  /** getUpdates requests open at this moment, and the most ever open at once (Telegram allows one). */
  polls(): { readonly open: number; readonly maxOpen: number };
  /** Resolves when `predicate` holds for the recorded calls, or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: Call[]) => boolean, timeoutMs?: number): Promise<void>;
  /** A user types in a chat; resolves with the text of the bot's next message to that chat. */
  say(from: TestUser, text: string, chat: number): Promise<string>;
  close(): Promise<void>;
}

const BOT = { id: 777000111, is_bot: true, first_name: 'WKSBM Bot', username: 'wksbm_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

export async function startBotApiServer(token = '123456:TEST-token'): Promise<BotApiServer> {
  const calls: Call[] = [];
  const updates: Record<string, unknown>[] = [];
  const admins = new Map<number, Map<number, { user: TestUser; status: string }>>();
  const failures = new Map<string, { count: number; retryAfter: number }>();
  const outages = new Map<string, { count: number; status: number }>();
  let waiters: (() => void)[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  let callbackIds = 1;
  /** Files users sent, by file_id; the file route serves them under `photos/<file_id>.jpg`. */
  const userFiles = new Map<string, Buffer>();
  let closed = false;
  let openPolls = 0;
  let maxOpenPolls = 0;

  /** Successful calls by method, kept as they happen: tests and benchmarks ask after every call. */
  const sentBy = new Map<string, Record<string, unknown>[]>();
  const record = (call: Call) => {
    calls.push(call);
    if (call.status !== 200) return;
    const sent = sentBy.get(call.method);
    if (sent) sent.push(call.payload);
    else sentBy.set(call.method, [call.payload]);
  };

  const wake = () => {
    const current = waiters;
    waiters = [];
    current.forEach((resolve) => resolve());
  };
  const chatOf = (id: number) => (id < 0 ? { id, type: 'supergroup', title: `Grup ${-id}` } : { id, type: 'private', first_name: 'Warga' });

  /**
   * Until the next call or update, or `ms`. The timer goes with the wake: a long poll answered at once
   * would otherwise leave its 25 s timer holding the process open after the server is closed.
   */
  const wakeOrAfter = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function getUpdates(payload: Record<string, unknown>): Promise<unknown[]> {
    const offset = Number(payload.offset ?? 0);
    const limit = Number(payload.limit ?? 100);
    const deadline = Date.now() + Number(payload.timeout ?? 0) * 1000;
    for (;;) {
      // Updates below the offset are confirmed by the client and forgotten, as Telegram does.
      while (updates.length && Number(updates[0]!.update_id) < offset) updates.shift();
      if (updates.length || closed || Date.now() >= deadline) return updates.slice(0, limit);
      await wakeOrAfter(deadline - Date.now());
    }
  }

  function answer(method: string, payload: Record<string, unknown>, files: Record<string, UploadedFile>): unknown {
    switch (method) {
      case 'getMe':
        return BOT;
      case 'sendMessage':
        return { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: chatOf(Number(payload.chat_id)), from: BOT, text: payload.text };
      case 'sendDocument': {
        const file = files[String(payload.document).replace(/^attach:\/\//, '')];
        const document = { file_id: `doc-${nextMessageId}`, file_unique_id: `u-${nextMessageId}`, file_name: file?.fileName, file_size: file?.content.length };
        return { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: chatOf(Number(payload.chat_id)), from: BOT, document };
      }
      case 'editMessageText':
        return { message_id: Number(payload.message_id), date: Math.floor(Date.now() / 1000), chat: chatOf(Number(payload.chat_id)), from: BOT, text: payload.text };
      case 'getFile': {
        const content = userFiles.get(String(payload.file_id));
        return content ? { file_id: payload.file_id, file_unique_id: `u-${payload.file_id}`, file_size: content.length, file_path: `photos/${payload.file_id}.jpg` } : undefined;
      }
      case 'getChatAdministrators':
        return [...(admins.get(Number(payload.chat_id))?.values() ?? [])].map(({ user, status }) => ({ status, user: { ...user, is_bot: false } }));
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'setWebhook':
      case 'deleteWebhook':
        return true;
      default:
        return undefined;
    }
  }

  /** A JSON body, or a multipart one (what grammY sends with an InputFile). */
  async function body(request: IncomingMessage): Promise<{ payload: Record<string, unknown>; files: Record<string, UploadedFile> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) {
      const text = raw.toString('utf8');
      return { payload: text ? (JSON.parse(text) as Record<string, unknown>) : {}, files: {} };
    }
    // grammY writes `filename=x.pdf` unquoted, which the platform's FormData parser refuses: parts are
    // split by hand, as a Bot API server reads them.
    const boundary = Buffer.from(`--${/boundary=([^;]+)/.exec(type)![1]}`);
    const payload: Record<string, unknown> = {};
    const files: Record<string, UploadedFile> = {};
    let start = raw.indexOf(boundary) + boundary.length;
    for (let end = raw.indexOf(boundary, start); end > 0; start = end + boundary.length, end = raw.indexOf(boundary, start)) {
      const part = raw.subarray(start + 2, end - 2);
      const split = part.indexOf('\r\n\r\n');
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]+)"/i.exec(headers)![1]!;
      const fileName = /filename="?([^"\r\n;]+)"?/i.exec(headers)?.[1];
      if (fileName) files[name] = { fileName, content: Buffer.from(content) };
      else payload[name] = content.toString('utf8');
    }
    return { payload, files };
  }

  const server: Server = createServer(async (request, response) => {
    const download = /^\/file\/bot([^/]+)\/photos\/([\w-]+)\.jpg$/.exec(request.url ?? '');
    if (download) {
      const content = download[1] === token ? userFiles.get(download[2]!) : undefined;
      record({ method: 'file', payload: { path: request.url }, files: {}, at: Date.now(), status: content ? 200 : 404 });
      response.writeHead(content ? 200 : 404, { 'content-type': 'image/jpeg' });
      return response.end(content);
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
    const reply = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    if (!match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const { payload, files } = await body(request);
    const down = outages.get(method);
    if (down && down.count > 0) {
      down.count--;
      record({ method, payload, files, at: Date.now(), status: down.status });
      wake();
      return reply(down.status, { ok: false, error_code: down.status, description: down.status === 502 ? 'Bad Gateway' : 'Internal Server Error' });
    }
    if (method === 'getUpdates') {
      // A poller that dies (SIGKILL) closes its connection: its request stops counting then.
      openPolls++;
      maxOpenPolls = Math.max(maxOpenPolls, openPolls);
      let counted = true;
      const done = () => {
        if (counted) openPolls--;
        counted = false;
      };
      response.on('close', done);
      const result = await getUpdates(payload);
      done();
      return reply(200, { ok: true, result });
    }
    const failure = failures.get(method);
    const tooMany = failure !== undefined && failure.count > 0;
    record({ method, payload, files, at: Date.now(), status: tooMany ? 429 : 200 });
    if (tooMany) {
      failure.count--;
      wake();
      return reply(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${failure.retryAfter}`,
        parameters: { retry_after: failure.retryAfter },
      });
    }
    const result = answer(method, payload, files);
    wake();
    if (result === undefined) return reply(400, { ok: false, error_code: 400, description: `Bad Request: method ${method} is not served here` });
    return reply(200, { ok: true, result });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: BotApiServer = {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    sent: (method) => [...(sentBy.get(method) ?? [])],
    sentCount: (method) => sentBy.get(method)?.length ?? 0,
    setAdmin(chatId, user, status) {
      const chat = admins.get(chatId) ?? new Map();
      admins.set(chatId, chat);
      if (status) chat.set(user.id, { user, status });
      else chat.delete(user.id);
    },
    push(update) {
      const update_id = nextUpdateId++;
      updates.push({ update_id, ...update });
      wake();
      return update_id;
    },
    message(chatId, from, text, messageId = nextMessageId++) {
      return {
        message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: chatOf(chatId), from: { ...from, is_bot: false }, text },
      };
    },
    photo(chatId, from, content, options = {}) {
      const fileId = `photo-${nextMessageId}`;
      userFiles.set(fileId, content);
      const sizes = [
        { file_id: `${fileId}-thumb`, file_unique_id: `t-${fileId}`, width: 90, height: 90 },
        { file_id: fileId, file_unique_id: `u-${fileId}`, width: 1280, height: 960, file_size: content.length },
      ];
      const date = Math.floor(Date.now() / 1000);
      const replyTo =
        options.replyToBot !== undefined
          ? { reply_to_message: { message_id: nextMessageId++, date, chat: chatOf(chatId), from: BOT, text: options.replyToBot } }
          : options.replyTo !== undefined
            ? { reply_to_message: { message_id: options.replyTo, date, chat: chatOf(chatId) } }
            : {};
      return {
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: chatOf(chatId),
          from: { ...from, is_bot: false },
          photo: sizes,
          ...(options.caption === undefined ? {} : { caption: options.caption }),
          ...replyTo,
        },
      };
    },
    press(chatId, from, messageId, data) {
      return {
        callback_query: {
          id: `cq${callbackIds++}`,
          from: { ...from, is_bot: false },
          chat_instance: String(chatId),
          data,
          message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: chatOf(chatId), from: BOT, text: '…' },
        },
      };
    },
    outage(method, count, status = 502) {
      outages.set(method, { count, status });
    },
    tooManyRequests(method, count, retryAfter) {
      failures.set(method, { count, retryAfter });
    },
    polls: () => ({ open: openPolls, maxOpen: maxOpenPolls }),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting; calls: ${calls.map((c) => c.method).join(', ')}`);
        await wakeOrAfter(50);
      }
    },
    async say(from, text, chat) {
      const before = api.sent('sendMessage').length;
      api.push(api.message(chat, from, text));
      const answer = () => api.sent('sendMessage').slice(before).find((message) => Number(message.chat_id) === chat);
      await api.waitFor(() => answer() !== undefined);
      return String(answer()!.text);
    },
    async close() {
      closed = true;
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
