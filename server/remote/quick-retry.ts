import pRetry, { AbortError } from 'p-retry';
import { RemoteError } from './remote-errors.js';

/**
 * Immediate retries of one HTTP call for passing faults (a reset connection, a single 5xx): 3 tries within
 * about 1 s (docs/design.md D5). Anything longer is rescheduled as data by the worker, never slept on here.
 * A timeout (`timedOut`, set by the classifiers) is not retried here: the call already held the worker that long.
 */
export function withQuickRetries<T>(call: () => Promise<T>): Promise<T> {
  return pRetry(
    async () => {
      try {
        return await call();
      } catch (error) {
        const quick = error instanceof RemoteError && error.outcome.kind === 'retry' && !error.outcome.timedOut;
        throw quick ? error : new AbortError(error as Error);
      }
    },
    { retries: 2, minTimeout: 150, factor: 3, randomize: true },
  );
}
