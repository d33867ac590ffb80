import { maxInAnyWindow } from './window-count.js';

/** Every `/v2` request (push and reads share Ometria's per-account limit); status 0 = socket destroyed. */
export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  rateLimited: boolean;
}

export interface RequestLog {
  add(entry: RequestLogEntry): void;
  list(): RequestLogEntry[];
  count(): number;
  maxRequestsInAnyWindow(ms: number): number;
  rateLimited(): number;
  clear(): void;
}

export function createRequestLog(): RequestLog {
  let entries: RequestLogEntry[] = [];
  return {
    add: (entry) => void entries.push(entry),
    list: () => entries.map((e) => ({ ...e })),
    count: () => entries.length,
    maxRequestsInAnyWindow: (ms) =>
      maxInAnyWindow(
        entries.map((e) => e.at),
        ms,
      ),
    rateLimited: () => entries.filter((e) => e.rateLimited).length,
    clear: () => void (entries = []),
  };
}
