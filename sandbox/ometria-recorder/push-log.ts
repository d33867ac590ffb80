import { maxInAnyWindow } from './window-count.js';

/** One push call as the recorder saw it; `status` 0 means the socket was destroyed (a reset). */
export interface PushLogEntry {
  at: number;
  status: number;
  type?: string;
  records: number;
  ids: string[];
  requestId?: string;
  rateLimited: boolean;
}

export interface RecordsPerRequest {
  calls: number;
  total: number;
  min: number;
  max: number;
  mean: number;
}

export interface PushLog {
  add(entry: PushLogEntry): void;
  list(): PushLogEntry[];
  count(): number;
  /** Batch sizes over every logged call, retries and refused calls included. */
  recordsPerRequest(): RecordsPerRequest;
  /** The most push calls (any outcome) in any window of `ms`: "never above 4 in 1000 ms". */
  maxRequestsInAnyWindow(ms: number): number;
  /** Push calls answered 429 by the rate limit (not scripted 429s). */
  rateLimited(): number;
  clear(): void;
}

export function createPushLog(): PushLog {
  let entries: PushLogEntry[] = [];
  return {
    add: (entry) => void entries.push(entry),
    list: () => entries.map((e) => ({ ...e, ids: [...e.ids] })),
    count: () => entries.length,
    recordsPerRequest: () => stats(entries.map((e) => e.records)),
    maxRequestsInAnyWindow: (ms) =>
      maxInAnyWindow(
        entries.map((e) => e.at),
        ms,
      ),
    rateLimited: () => entries.filter((e) => e.rateLimited).length,
    clear: () => void (entries = []),
  };
}

function stats(sizes: number[]): RecordsPerRequest {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (!sizes.length) return { calls: 0, total: 0, min: 0, max: 0, mean: 0 };
  return { calls: sizes.length, total, min: Math.min(...sizes), max: Math.max(...sizes), mean: total / sizes.length };
}
