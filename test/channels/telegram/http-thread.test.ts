import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GrammyError, HttpError } from 'grammy';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpThread, type HttpThread } from '../../../src/channels/telegram/http-thread.js';

const TOKEN = '123456:RAHASIA-canary-token';

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** A Bot API stand-in: answers each request with `respond`, records what it got, notices closed requests. */
async function server(respond: (seen: Seen, response: ServerResponse) => void): Promise<{ url: string; seen: Seen[]; closed: () => number; close(): Promise<void> }> {
  const seen: Seen[] = [];
  let closed = 0;
  const http: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method, url: request.url, contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      response.on('close', () => {
        if (!response.writableFinished) closed++;
      });
      respond(entry, response);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    seen,
    closed: () => closed,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const threads: HttpThread[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thread of threads.splice(0)) thread.close();
  for (const open of servers.splice(0)) await open.close();
});

function thread(apiRoot: string, lines: string[] = [], timeoutSeconds = 10): HttpThread {
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  const created = createHttpThread(TOKEN, { apiRoot, timeoutSeconds }, log);
  threads.push(created);
  return created;
}

const jsonAnswer = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('the Bot API request thread', () => {
  it('makes the call as grammY would, and a refusal fails as grammY’s GrammyError with the Bot API’s words', async () => {
    const api = await server((seen, response) => {
      if (seen.body.includes('"chat_id":-1')) jsonAnswer(response, 200, { ok: true, result: { message_id: 7 } });
      else jsonAnswer(response, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    });
    servers.push(api);
    const http = thread(api.url);
    const payload = { chat_id: -1, text: 'Setoran Rp5.000 dicatat ✅', parse_mode: 'HTML' as const };

    await expect(http.call('sendMessage', payload)).resolves.toBeUndefined();
    const refused = await http.call('sendMessage', { chat_id: 99, text: 'x' }).catch((error: unknown) => error);

    expect(api.seen[0]).toEqual({ method: 'POST', url: `/bot${TOKEN}/sendMessage`, contentType: 'application/json', body: JSON.stringify(payload) });
    expect(refused).toBeInstanceOf(GrammyError);
    expect(refused).toMatchObject({
      method: 'sendMessage',
      payload: { chat_id: 99, text: 'x' },
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
      message: "Call to 'sendMessage' failed! (429: Too Many Requests: retry after 3)",
    });
  });

  it('fails an answer that is not the Bot API’s JSON (a proxy’s error page) as a network failure, as grammY does', async () => {
    const api = await server((_seen, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
    servers.push(api);

    const error = await thread(api.url).call('editMessageText', { chat_id: -1, message_id: 3, text: 'x' }).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ message: "Network request for 'editMessageText' failed!", error: { code: 'EBADANSWER' } });
  });

  it('gives up a call when its signal aborts, at once, and the server sees the connection closed', async () => {
    const api = await server(() => {
      // No answer for now.
    });
    servers.push(api);
    const stop = new AbortController();
    const pending = thread(api.url).call('sendMessage', { chat_id: -1, text: 'x' }, stop.signal);
    await expect.poll(() => api.seen.length).toBe(1);

    const started = performance.now();
    stop.abort();
    const error = await pending.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ error: { name: 'AbortError' } });
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect.poll(() => api.closed()).toBe(1);
  });

  it('gives up a call the server does not answer within the timeout', async () => {
    const api = await server(() => {
      // Never answered.
    });
    servers.push(api);

    const started = performance.now();
    const error = await thread(api.url, [], 0.3).call('answerCallbackQuery', { callback_query_id: '9' }).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ error: { code: 'ETIMEDOUT' } });
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect.poll(() => api.closed()).toBe(1);
  });

  it('fails a call to an unreachable server with the reason and without the URL, which holds the token', async () => {
    const api = await server(() => {});
    const { url } = api;
    await api.close();
    const lines: string[] = [];

    const error = await thread(url, lines).call('sendMessage', { chat_id: -1, text: 'x' }).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ error: { code: 'ECONNREFUSED' } });
    expect(String((error as HttpError).error)).toContain('ECONNREFUSED');
    expect(JSON.stringify(error) + String(error) + String((error as HttpError).error)).not.toContain('RAHASIA');
    expect(lines.join('')).not.toContain('RAHASIA');
  });

  it('fails the calls of a thread that stops, says so, and starts another for the next call', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    // A thread that dies on its first request, as one would on a bug or out of memory.
    const dying = createHttpThread(TOKEN, { apiRoot: 'http://127.0.0.1:1', timeoutSeconds: 10 }, log, new URL('data:text/javascript,import { parentPort } from "node:worker_threads"; parentPort.on("message", () => process.exit(3));'));
    threads.push(dying);

    for (let call = 0; call < 2; call++) {
      const error = await dying.call('sendMessage', { chat_id: -1, text: 'x' }).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(HttpError);
      expect(String((error as HttpError).error)).toContain('Bot API request thread stopped');
    }

    const stopped = lines.filter((line) => line.includes('Bot API request thread stopped; the next request starts another'));
    expect(stopped.map((line) => JSON.parse(line).requests)).toEqual([1, 1]);
  });

  it('fails a call whose URL cannot be made, and the thread goes on', async () => {
    const lines: string[] = [];
    const http = thread('not a url', lines);

    for (let call = 0; call < 2; call++) {
      await expect(http.call('sendMessage', { chat_id: -1, text: 'x' })).rejects.toMatchObject({ error: { code: 'ERR_INVALID_URL' } });
    }
    expect(lines.join('')).not.toContain('stopped');
  });

  it('fails a call whose payload cannot be sent as JSON, and the calls beside it go on', async () => {
    const api = await server((_seen, response) => jsonAnswer(response, 200, { ok: true, result: true }));
    servers.push(api);
    const lines: string[] = [];
    const http = thread(api.url, lines);

    const broken = http.call('sendMessage', { chat_id: -1, text: 'x', reply_markup: { amount: 5n } } as never);
    const fine = http.call('sendMessage', { chat_id: -1, text: 'y' });

    await expect(broken).rejects.toBeInstanceOf(HttpError);
    await expect(fine).resolves.toBeUndefined();
    expect(api.seen.map((seen) => seen.body)).toEqual([JSON.stringify({ chat_id: -1, text: 'y' })]);
    expect(lines.join('')).not.toContain('stopped');
  });

  it('ends after close once its calls are answered, and a later call starts it again', async () => {
    let answer: (() => void) | undefined;
    const api = await server((_seen, response) => {
      answer = () => jsonAnswer(response, 200, { ok: true, result: true });
    });
    servers.push(api);
    const lines: string[] = [];
    const http = thread(api.url, lines);
    const first = http.call('sendMessage', { chat_id: -1, text: 'x' });
    await expect.poll(() => api.seen.length).toBe(1);

    http.close();
    answer!();
    await expect(first).resolves.toBeUndefined();
    const again = http.call('sendMessage', { chat_id: -1, text: 'y' });
    await expect.poll(() => api.seen.length).toBe(2);
    answer!();

    await expect(again).resolves.toBeUndefined();
    // Ending on purpose is not a thread that stopped.
    expect(lines.join('')).not.toContain('stopped');
  });
});
