import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';

/** How often the thread copies the WAL into the database file. */
const INTERVAL_MS = 100;
/** How often the WAL's size is looked at until the thread takes over. */
const WATCH_MS = 1_000;
/**
 * A thousand pages of 4 KiB: SQLite's own checkpoint threshold. A WAL this large means the writer has
 * checkpointed already and will again; a quiet server (one village) never gets here and keeps the
 * thread's memory (about 10 MB).
 */
const TAKE_OVER_BYTES = 1_000 * 4_096;
/** SQLite's default, given back to the writer if the thread stops. */
const WRITER_PAGES = 1_000;

export interface Checkpointer {
  close(): Promise<void>;
}

/**
 * SQLite in WAL mode copies the log into the database file (a checkpoint) in whichever connection
 * commits past a thousand pages: on the server that is the writer, on the main thread, a stall of a
 * few milliseconds every few hundred updates (in a busy run, some 40% of what commits cost). Once the
 * server is that busy, a thread of its own does it on its own connection every 100 ms, and the writer's
 * connection checkpoints no more (`autocheckpoint(0)`). Should the thread stop, the writer gets the
 * checkpoints back, so the log never grows without end.
 */
export function checkpointInThread(file: string, autocheckpoint: (pages: number) => void, log?: Logger): Checkpointer {
  let worker: Worker | null = null;
  let exited = Promise.resolve();
  let closing = false;

  const watch = setInterval(() => {
    if ((statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) < TAKE_OVER_BYTES) return;
    clearInterval(watch);
    start();
  }, WATCH_MS);
  watch.unref();

  function start(): void {
    const thread = new Worker(new URL('./checkpoint-thread.mjs', import.meta.url), {
      workerData: { file, intervalMs: INTERVAL_MS },
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
    });
    // Never what keeps a process alive: a short script that opens the database ends when its work does.
    thread.unref();
    exited = new Promise((resolve) => thread.once('exit', () => resolve()));
    thread.on('error', (error) => log?.error({ err: error }, 'checkpoint thread failed'));
    thread.once('exit', () => {
      if (closing) return;
      log?.error('checkpoint thread stopped; the writer checkpoints again');
      autocheckpoint(WRITER_PAGES);
    });
    worker = thread;
    autocheckpoint(0);
  }

  return {
    async close() {
      closing = true;
      clearInterval(watch);
      if (!worker) return;
      // Held open until the thread has made its last checkpoint and closed its connection.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
