import type { PushError } from './push-errors.js';
import type { Reply } from './reply.js';

/** One scripted answer to a push call; `reset: true` destroys the socket instead of answering. */
export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  reset?: boolean;
}

export type DownMode = 'status' | 'reset';

/** Fault injection for tests; the recorder reads it through the `take…`/`…For` methods. */
export interface Faults {
  /** Answers the next push calls, in order, before auth and validation run. */
  queue(...responses: ScriptedResponse[]): void;
  /** A push call holding one of these ids answers 400 synchronously (so clients can split the batch). */
  rejectIds(type: string, ids: readonly string[]): void;
  /** These records get 202 and `accepted`, are not stored, and appear in `/push/_errors`. */
  invalidAsync(type: string, ids: readonly string[], error?: Partial<PushError>): void;
  /**
   * These records are refused on arrival inside a 2xx answer: counted in `rejected` (Ometria's reply gives counts,
   * no ids), not stored, and listed by `/push/_errors`, as the recorder does for a record failing its own checks.
   */
  rejectOnArrival(type: string, ids: readonly string[], error?: Partial<PushError>): void;
  /** Every request answers 503, or with `'reset'` has its socket destroyed. */
  down(on: boolean, mode?: DownMode): void;
  /** Extra delay before every answer. */
  latencyMs(ms: number): void;
  /** Every request answers 429 with Retry-After until `untilMs` (wall clock): Ometria rate-limiting us for a while. */
  throttleUntil(untilMs: number): void;
  throttledUntil(): number;
  reset(): void;
  takeScripted(): Reply | undefined;
  rejectedIdIn(type: string | undefined, ids: readonly string[]): string | undefined;
  asyncErrorFor(type: string, id: string): PushError | undefined;
  arrivalErrorFor(type: string, id: string): PushError | undefined;
  downMode(): DownMode | undefined;
  extraLatencyMs(): number;
}

/** Default asynchronous error [INF: Ometria's wording for a generic invalid value]. */
const DEFAULT_ASYNC_ERROR: PushError = { error_message: 'not a valid value', error_path: 'root' };

export function createFaults(): Faults {
  let scripted: ScriptedResponse[] = [];
  let rejected = new Set<string>();
  let invalid = new Map<string, PushError>();
  let refusedOnArrival = new Map<string, PushError>();
  let down: DownMode | undefined;
  let latency = 0;
  let throttled = 0;
  const key = (type: string | undefined, id: string) => JSON.stringify([type, id]);
  return {
    queue: (...responses) => void scripted.push(...responses),
    rejectIds: (type, ids) => ids.forEach((id) => rejected.add(key(type, id))),
    invalidAsync: (type, ids, error) => ids.forEach((id) => invalid.set(key(type, id), { ...DEFAULT_ASYNC_ERROR, ...error })),
    rejectOnArrival: (type, ids, error) => ids.forEach((id) => refusedOnArrival.set(key(type, id), { ...DEFAULT_ASYNC_ERROR, ...error })),
    down: (on, mode = 'status') => void (down = on ? mode : undefined),
    latencyMs: (ms) => void (latency = Math.max(0, ms)),
    throttleUntil: (untilMs) => void (throttled = untilMs),
    throttledUntil: () => throttled,
    reset() {
      throttled = 0;
      scripted = [];
      rejected = new Set();
      invalid = new Map();
      refusedOnArrival = new Map();
      down = undefined;
      latency = 0;
    },
    takeScripted() {
      const next = scripted.shift();
      if (!next) return undefined;
      if (next.body !== undefined || next.status < 400) return { ...next };
      return { ...next, body: { status: 'ERROR', message: `Scripted ${next.status}` } };
    },
    rejectedIdIn: (type, ids) => ids.find((id) => rejected.has(key(type, id))),
    asyncErrorFor: (type, id) => invalid.get(key(type, id)),
    arrivalErrorFor: (type, id) => refusedOnArrival.get(key(type, id)),
    downMode: () => down,
    extraLatencyMs: () => latency,
  };
}
