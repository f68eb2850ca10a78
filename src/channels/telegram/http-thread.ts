import { Worker } from 'node:worker_threads';
import { GrammyError, HttpError, type RawApi } from 'grammy';
import type { ResponseParameters } from 'grammy/types';
import type { Logger } from 'pino';

/** The calls that go through the thread: the outbox's sends, hundreds a second on a busy server. */
export type ThreadMethod = 'sendMessage' | 'editMessageText' | 'answerCallbackQuery';

export interface HttpThread {
  /**
   * Calls a Bot API method on the thread. It fails as grammY's call would: a GrammyError when the Bot API
   * refuses (its code, description and parameters such as retry_after), an HttpError when the request
   * fails, times out or is aborted. Resolves with nothing: the sender needs no answer.
   */
  call<M extends ThreadMethod>(method: M, payload: Parameters<RawApi[M]>[0], signal?: AbortSignal): Promise<void>;
  /** The thread ends once its calls are answered (a later call starts it again, and it ends again). */
  close(): void;
}

/** What the thread answers: nothing more for a success. */
interface Answer {
  readonly id: number;
  /** The Bot API refused the call: its own answer. */
  readonly refused?: { readonly error_code: number; readonly description: string; readonly parameters: ResponseParameters };
  /** The request failed: the error's code only. */
  readonly failed?: { readonly code: string };
}

interface Waiting {
  /** Kept for the error, as grammY's GrammyError keeps them. */
  readonly method: ThreadMethod;
  readonly payload: Record<string, unknown>;
  resolve(): void;
  reject(error: Error): void;
}

/** Where the Bot API is and how long a call may take, as grammY's client options say. */
export interface ThreadClient {
  readonly apiRoot?: string;
  readonly timeoutSeconds: number;
}

/** As grammY's client says a request failed, without the URL (it holds the token). */
const networkError = (method: string, cause: Error) => new HttpError(`Network request for '${method}' failed!`, cause);

/**
 * The outbox's Bot API calls on a thread of their own. A busy server sends hundreds of messages a second,
 * and on the main thread, which also handles the updates and writes the database, the HTTP client's part
 * of each (the request, the socket, reading the answer) took a fifth of its time, and grammY's client
 * around it (abort controllers, a timer, the request built and the answer read) another twentieth. So the
 * main thread hands over the method and payload, the thread makes the request as grammY's client would
 * (JSON, keep-alive, its timeout), and the main thread learns the outcome as the error grammY would have
 * thrown. grammY's own client on the thread cost it more than this whole request, and made it the
 * bottleneck. The thread starts with the first call.
 */
export function createHttpThread(
  token: string,
  client: ThreadClient,
  log: Logger,
  script = new URL('./http-thread.mjs', import.meta.url),
): HttpThread {
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
    const workerData = { token, apiRoot: client.apiRoot ?? 'https://api.telegram.org', timeoutMs: client.timeoutSeconds * 1000 };
    const worker = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    const thread = { worker, waiting: new Map<number, Waiting>(), ending: false };
    // Never what keeps a process alive (a server has handles of its own); a call not answered times out there.
    worker.unref();
    worker.on('message', (message: Answer) => {
      const request = thread.waiting.get(message.id);
      if (!request) return;
      thread.waiting.delete(message.id);
      if (message.refused) request.reject(new GrammyError(`Call to '${request.method}' failed!`, { ok: false, ...message.refused }, request.method, request.payload));
      else if (message.failed) request.reject(networkError(request.method, Object.assign(new Error(`Bot API request failed: ${message.failed.code}`), { code: message.failed.code })));
      else request.resolve();
      endIfDone(thread);
    });
    worker.on('error', (error) => log.error({ err: error }, 'Bot API request thread failed'));
    worker.once('exit', () => {
      if (current === thread) current = null;
      const lost = [...thread.waiting.values()];
      thread.waiting.clear();
      // A network failure, as grammY's own would be: the outbox tries the message again.
      for (const request of lost) request.reject(networkError(request.method, new Error('Bot API request thread stopped')));
      if (!thread.ending) log.error({ requests: lost.length }, 'Bot API request thread stopped; the next request starts another');
    });
    return thread;
  }

  const call: HttpThread['call'] = (method, payload, signal) => {
    if (signal?.aborted) return Promise.reject(networkError(method, aborted()));
    const id = nextId++;
    const thread = (current ??= start());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        if (!thread.waiting.delete(id)) return;
        thread.worker.postMessage({ abort: id });
        reject(networkError(method, aborted()));
        endIfDone(thread);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      thread.waiting.set(id, {
        method,
        payload: payload as Record<string, unknown>,
        resolve: () => (done(), resolve()),
        reject: (error) => (done(), reject(error)),
      });
      thread.worker.postMessage({ id, method, payload });
    });
  };

  return {
    call,
    close() {
      closing = true;
      if (current) endIfDone(current);
    },
  };
}

const aborted = () => Object.assign(new Error('Bot API request aborted'), { name: 'AbortError' });
