import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * How often the checkpoint thread asks SQLite to copy committed WAL frames into the database file, ms. Each pass
 * that finds frames copies them and fsyncs both files off the event loop; a pass with nothing to do only reads the
 * WAL index. At 3,000 deliveries/s a pass copies about 100 pages.
 */
export const CHECKPOINT_INTERVAL_MS = 50;

/**
 * WAL pages after which the serving connection still checkpoints inside its own COMMIT (SQLite's
 * `wal_autocheckpoint`; a page is 4 KiB): a backstop bounding the WAL at about 32 MiB should the checkpoint thread
 * fall behind. SQLite's default, restored if the thread fails, is 1,000.
 */
export const BACKSTOP_PAGES = 8_000;
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

export interface WalCheckpointer {
  /** Passes run and passes that found the WAL fully copied at their end (the next write then restarts the WAL). */
  stats(): Promise<{ passes: number; caughtUp: number }>;
  /** Ends the thread after its current pass and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Runs the thread's own connection to the store file. Plain CommonJS evaluated in the worker (`eval: true`), so the
 * same code runs from dist/ and from the TypeScript sources under vitest. PASSIVE never takes the write lock nor
 * waits on one: the serving connection's commits go on while a pass copies.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// SQLite's errors do not survive the copy to the main thread; a plain Error with their message does.
const plainly = (fn) => {
  try {
    return fn();
  } catch (error) {
    throw new Error(String(error && error.message));
  }
};
const db = plainly(() => new Database(workerData.file, { fileMustExist: true }));
db.pragma('synchronous = ' + workerData.synchronous);
let passes = 0;
let caughtUp = 0;
let failing = false;
// A pass that fails (a full or read-only disk) is retried at the next interval, as SQLite's own inline checkpoint
// would be at the next commit; the first failure of a run and the recovery are reported.
const timer = setInterval(() => {
  let result;
  try {
    [result] = db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (!failing) parentPort.postMessage({ passFailed: String(error && error.message) });
    failing = true;
    return;
  }
  if (failing) parentPort.postMessage({ passRecovered: true });
  failing = false;
  passes++;
  if (result.log === result.checkpointed) caughtUp++;
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stats') parentPort.postMessage({ stats: { passes, caughtUp } });
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointerEvents {
  /** The thread failed for good; the caller restores inline checkpoints. */
  onFailure: (error: Error) => void;
  /** A pass failed after passes that succeeded (a full or read-only disk); passes go on every interval. */
  onPassFailed?: (error: Error) => void;
  /** A pass succeeded again after failures. */
  onPassRecovered?: () => void;
  /**
   * The thread is running. Starting a worker thread undoes V8 flags set at run time (seen on Node 20, V8 11.3):
   * the service applies its heap sizing again here (server/heap-sizing.ts).
   */
  onStarted?: () => void;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop (issue 17). Left to itself, SQLite checkpoints inside the
 * COMMIT that crosses 1,000 WAL pages: that commit copies the pages and fsyncs the WAL and the database file on the
 * serving thread, 3-11 ms on the bench machine, about 20 times a second under full intake load, every delivery
 * waiting on it (docs/performance.md). Here a worker thread with its own connection checkpoints every
 * CHECKPOINT_INTERVAL_MS and the serving connection keeps only the BACKSTOP_PAGES backstop. Durability is
 * unchanged: commits reach the WAL exactly as before, and each checkpoint syncs as the connection's `synchronous`
 * asks (docs/design.md D19). A failing pass is retried at the next interval; if the thread itself fails,
 * `onFailure` is called (the store then restores SQLite's inline checkpoints): slower, never unbounded.
 */
export function startWalCheckpointer(file: string, synchronous: 'NORMAL' | 'FULL', events: CheckpointerEvents): WalCheckpointer {
  const { onFailure } = events;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, synchronous, intervalMs: CHECKPOINT_INTERVAL_MS },
    // It holds one connection and a counter: small limits keep its isolate's share of the RSS small.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  // Never keeps the process alive on its own; stop() ends it on a graceful shutdown.
  worker.unref();
  if (events.onStarted) worker.once('online', events.onStarted);
  let stopping = false;
  let failed = false;
  // An error is followed by the thread's exit: one report for both.
  const fail = (error: Error) => {
    if (stopping || failed) return;
    failed = true;
    onFailure(error);
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', fail);
  worker.once('exit', (code) => fail(new Error(`the WAL checkpoint thread exited (code ${code})`)));
  const statsWaiters: Array<(stats: { passes: number; caughtUp: number }) => void> = [];
  worker.on('message', (message: { stats?: { passes: number; caughtUp: number }; passFailed?: string; passRecovered?: true }) => {
    if (message.stats) statsWaiters.shift()?.(message.stats);
    if (message.passFailed !== undefined) events.onPassFailed?.(new Error(message.passFailed));
    if (message.passRecovered) events.onPassRecovered?.();
  });
  return {
    stats: () =>
      new Promise((resolve) => {
        statsWaiters.push(resolve);
        worker.postMessage('stats');
      }),
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      // A pass in progress finishes first (the thread cannot be interrupted inside SQLite), then the thread ends.
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
