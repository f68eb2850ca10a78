/**
 * The checkpoint thread (see checkpointer.ts). Plain JavaScript: it starts as a worker from src/ (tests,
 * benchmarks) and from dist/ alike.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file, { fileMustExist: true });
// PASSIVE: copies what no reader still needs and never waits for, or blocks, the writer.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
function run() {
  try {
    checkpoint.run();
  } catch (error) {
    // Another process checkpointing right now: the next turn does it.
    if (error?.code !== 'SQLITE_BUSY') throw error;
  }
}
const timer = setInterval(run, workerData.intervalMs);

parentPort.once('message', () => {
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
