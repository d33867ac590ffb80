import { randomUUID } from 'node:crypto';
import { createOpenApiValidator, type OpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { createFaults, type Faults } from './faults.js';
import { createPushErrorList, type PushErrorList } from './push-errors.js';
import { createPushLog, type PushLog } from './push-log.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createRecordStore, type RecordStore } from './record-store.js';
import { createRequestLog, type RequestLog } from './request-log.js';

export interface OmetriaRecorderOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Expected `X-Ometria-Auth`; default `recorder-key`. */
  apiKey?: string;
  /** Requests per second per account, default 4 (docs/design.md O2); 0 disables the limit. */
  ratePerSecond?: number;
  /** Token-bucket size, default `ratePerSecond`. */
  burst?: number;
  /** Sent as `Retry-After` on rate-limit 429s; Ometria documents none, so none by default. */
  retryAfterSeconds?: number;
  /** Milliseconds clock for the rate limit and the logs. */
  now?: () => number;
  newRequestId?: () => string;
  /** Path of the OpenAPI file; default the contract copy. */
  openApiPath?: string;
}

/** Everything the routes share; each part is also exposed to tests on the recorder handle. */
export interface RecorderContext {
  apiKey: string;
  retryAfterSeconds?: number;
  now: () => number;
  newRequestId: () => string;
  validator: OpenApiValidator;
  store: RecordStore;
  errors: PushErrorList;
  faults: Faults;
  limiter: RateLimiter;
  pushes: PushLog;
  requests: RequestLog;
}

export function createRecorderContext(options: OmetriaRecorderOptions = {}): RecorderContext {
  const now = options.now ?? Date.now;
  return {
    apiKey: options.apiKey ?? 'recorder-key',
    retryAfterSeconds: options.retryAfterSeconds,
    now,
    newRequestId: options.newRequestId ?? randomUUID,
    validator: createOpenApiValidator(options.openApiPath),
    store: createRecordStore(),
    errors: createPushErrorList(),
    faults: createFaults(),
    limiter: createRateLimiter(options.ratePerSecond ?? 4, now, options.burst),
    pushes: createPushLog(),
    requests: createRequestLog(),
  };
}
