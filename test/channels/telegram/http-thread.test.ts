import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpThread, type HttpThread } from '../../../src/channels/telegram/http-thread.js';

const TOKEN_PATH = '/bot123456:RAHASIA-canary-token/sendMessage';

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

function thread(lines: string[] = []): HttpThread {
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  const created = createHttpThread(log);
  threads.push(created);
  return created;
}

const json = { 'content-type': 'application/json', connection: 'keep-alive' };

describe('the Bot API request thread', () => {
  it('sends the JSON call as grammY built it and hands back the answer, an error answer as well', async () => {
    const api = await server((seen, response) => {
      response.writeHead(seen.body.includes('"chat_id":-1') ? 200 : 400, { 'content-type': 'application/json' });
      response.end(seen.body.includes('"chat_id":-1') ? '{"ok":true,"result":{"message_id":7}}' : '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}');
    });
    servers.push(api);
    const { fetch } = thread();
    const body = JSON.stringify({ chat_id: -1, text: 'Setoran Rp5.000 dicatat ✅' });

    const ok = await fetch(`${api.url}${TOKEN_PATH}`, { headers: json, body });
    const refused = await fetch(`${api.url}${TOKEN_PATH}`, { headers: json, body: JSON.stringify({ chat_id: 99, text: 'x' }) });

    expect(api.seen[0]).toEqual({ method: 'POST', url: TOKEN_PATH, contentType: 'application/json', body });
    expect([ok.ok, ok.status, await ok.json()]).toEqual([true, 200, { ok: true, result: { message_id: 7 } }]);
    expect([refused.ok, refused.status, await refused.json()]).toEqual([false, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }]);
  });

  it('gives up a request when its signal aborts, at once, and the server sees the connection closed', async () => {
    const api = await server(() => {
      // A long poll: no answer for now.
    });
    servers.push(api);
    const { fetch } = thread();
    const stop = new AbortController();
    const pending = fetch(`${api.url}/bot1:x/getUpdates`, { headers: json, body: '{"timeout":25}', signal: stop.signal });
    await expect.poll(() => api.seen.length).toBe(1);

    const started = performance.now();
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect.poll(() => api.closed()).toBe(1);
  });

  it('fails a request to an unreachable server with the reason and without the URL, which holds the token', async () => {
    const api = await server(() => {});
    const { url } = api;
    await api.close();
    const lines: string[] = [];
    const { fetch } = thread(lines);

    const error = await fetch(`${url}${TOKEN_PATH}`, { headers: json, body: '{}' }).catch((failure: unknown) => failure);

    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(String((error as Error).message)).toContain('ECONNREFUSED');
    expect(String((error as Error).message)).not.toContain('RAHASIA');
    expect(lines.join('')).not.toContain('RAHASIA');
  });

  it('fails the requests of a thread that stops, says so, and starts another for the next request', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    // A thread that dies on its first request, as one would on a bug or out of memory.
    const dying = createHttpThread(log, new URL('data:text/javascript,import { parentPort } from "node:worker_threads"; parentPort.on("message", () => process.exit(3));'));
    threads.push(dying);

    await expect(dying.fetch('http://127.0.0.1:1/bot1:x/sendMessage', { headers: json, body: '{}' })).rejects.toThrow('Bot API request thread stopped');
    await expect(dying.fetch('http://127.0.0.1:1/bot1:x/sendMessage', { headers: json, body: '{}' })).rejects.toThrow('Bot API request thread stopped');

    const stopped = lines.filter((line) => line.includes('Bot API request thread stopped; the next request starts another'));
    expect(stopped.map((line) => JSON.parse(line).requests)).toEqual([1, 1]);
  });

  it('fails a request whose URL cannot be read, and the thread goes on', async () => {
    const api = await server((_seen, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":true}'));
    servers.push(api);
    const lines: string[] = [];
    const { fetch } = thread(lines);

    await expect(fetch('not a url/bot1:x/getMe', { headers: json, body: '{}' })).rejects.toMatchObject({ code: 'ERR_INVALID_URL' });
    expect(await (await fetch(`${api.url}/bot1:x/getMe`, { headers: json, body: '{}' })).json()).toEqual({ ok: true, result: true });
    expect(lines.join('')).not.toContain('stopped');
  });

  it('refuses an upload (a multipart stream cannot cross threads) rather than sending something else', async () => {
    const { fetch } = thread();
    await expect(fetch('http://127.0.0.1:1/bot1:x/sendDocument', { headers: {}, body: { pipe() {} } })).rejects.toThrow(/JSON calls only/);
  });

  it('ends after close once its requests are answered, and a later request starts it again', async () => {
    let answer: (() => void) | undefined;
    const api = await server((_seen, response) => {
      answer = () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":true}');
    });
    servers.push(api);
    const lines: string[] = [];
    const http = thread(lines);
    const first = http.fetch(`${api.url}/bot1:x/sendMessage`, { headers: json, body: '{}' });
    await expect.poll(() => api.seen.length).toBe(1);

    http.close();
    answer!();
    expect(await (await first).json()).toEqual({ ok: true, result: true });
    const again = http.fetch(`${api.url}/bot1:x/sendMessage`, { headers: json, body: '{}' });
    await expect.poll(() => api.seen.length).toBe(2);
    answer!();

    expect(await (await again).json()).toEqual({ ok: true, result: true });
    // Ending on purpose is not a thread that stopped.
    expect(lines.join('')).not.toContain('stopped');
  });
});
