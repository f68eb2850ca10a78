import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

/** What grammY's client asks of `fetch` for a JSON call, and the little of the answer it reads. */
export type ApiFetch = (
  url: string,
  init: { readonly headers?: unknown; readonly body?: unknown; readonly signal?: AbortSignalLike | null },
) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;

/** grammY passes its polyfill's AbortSignal; both it and Node's have these. */
interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface HttpThread {
  /** For grammY's `client.fetch`: JSON calls only (an upload's multipart stream cannot cross threads). */
  readonly fetch: ApiFetch;
  /** The thread ends once its requests are answered (a later request starts it again, and it ends again). */
  close(): void;
}

type Answer = { id: number; status: number; text: string } | { id: number; error: { code: string; message: string } };

interface Waiting {
  resolve(response: Awaited<ReturnType<ApiFetch>>): void;
  reject(error: Error): void;
}

/**
 * Bot API requests on a thread of their own. A busy server sends hundreds of messages a second, and on
 * the main thread the HTTP client's part of each (the request, the socket, reading the answer) took a
 * fifth of the time that also handles the updates and writes the database. grammY still builds every
 * request and reads every answer; the thread holds the keep-alive connections and does the I/O. It
 * starts with the first request.
 */
export function createHttpThread(log: Logger, script = new URL('./http-thread.mjs', import.meta.url)): HttpThread {
  /** The running thread and its requests not yet answered; a thread that ends takes only its own along. */
  let current: { readonly worker: Worker; readonly waiting: Map<number, Waiting>; ending: boolean } | null = null;
  let nextId = 0;
  let closing = false;

  function endIfDone(thread: NonNullable<typeof current>): void {
    if (!closing || thread.waiting.size > 0 || thread.ending) return;
    thread.ending = true;
    // A request from now on starts another thread rather than reaching one that is ending.
    if (current === thread) current = null;
    void thread.worker.terminate();
  }

  function start(): NonNullable<typeof current> {
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 64 } });
    const thread = { worker, waiting: new Map<number, Waiting>(), ending: false };
    // Never what keeps a process alive: whoever waits for an answer has a timer of its own (grammY's timeout).
    worker.unref();
    worker.on('message', (message: Answer) => {
      const request = thread.waiting.get(message.id);
      if (!request) return;
      thread.waiting.delete(message.id);
      if ('error' in message) {
        request.reject(Object.assign(new Error(`Bot API request failed: ${message.error.message}`), { code: message.error.code }));
      } else {
        const { status, text } = message;
        request.resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown });
      }
      endIfDone(thread);
    });
    worker.on('error', (error) => log.error({ err: error }, 'Bot API request thread failed'));
    worker.once('exit', () => {
      if (current === thread) current = null;
      const lost = [...thread.waiting.values()];
      thread.waiting.clear();
      // grammY makes each an HttpError: the outbox tries the message again, polling asks again.
      for (const request of lost) request.reject(new Error('Bot API request thread stopped'));
      if (!thread.ending) log.error({ requests: lost.length }, 'Bot API request thread stopped; the next request starts another');
    });
    return thread;
  }

  const fetch: ApiFetch = (url, { headers, body, signal }) => {
    if (typeof body !== 'string') return Promise.reject(new TypeError('the Bot API request thread takes JSON calls only, not uploads'));
    if (signal?.aborted) return Promise.reject(aborted());
    const id = nextId++;
    const thread = (current ??= start());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!thread.waiting.delete(id)) return;
        thread.worker.postMessage({ abort: id });
        reject(aborted());
        endIfDone(thread);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      thread.waiting.set(id, {
        resolve: (response) => (done(), resolve(response)),
        reject: (error) => (done(), reject(error)),
      });
      thread.worker.postMessage({ id, url, headers, body });
    });
  };

  return {
    fetch,
    close() {
      closing = true;
      if (current) endIfDone(current);
    },
  };
}

const aborted = () => Object.assign(new Error('Bot API request aborted'), { name: 'AbortError' });
