import { GraphQLClient } from 'graphql-request';
import { NO_METRICS, type Metrics } from '../metrics/metrics.js';
import { RemoteError } from '../remote/remote-errors.js';
import { withQuickRetries } from '../remote/quick-retry.js';
import { waitForSlot, type RateLimiter } from '../remote/rate-limiter.js';
import { classifyCentraError } from './classify-centra-error.js';
import { UnsendableDocumentError, type SchemaAdapter } from './schema/schema-adapter.js';

export interface CentraClientOptions {
  /** Full GraphQL endpoint (docs/design.md D20). */
  url: string;
  token: string;
  timeoutMs: number;
  limiter: RateLimiter;
  now: () => number;
  fetch?: typeof fetch;
  /** Rewrites each document to the live schema (docs/centra-setup.md); without it documents go out as written. */
  adapter?: SchemaAdapter;
  /** The longest Retry-After honoured, ms (REMOTE_MAX_RETRY_AFTER_SECONDS; default 900 s). */
  maxRetryAfterMs?: number;
  /** Counts and times each request (centra_requests_total, centra_request_seconds). */
  metrics?: Metrics;
}

export interface RequestOptions {
  /** false for the introspection request itself. */
  adapt?: boolean;
}

export interface CentraResult<T> {
  data: T | undefined;
  /** Per-alias errors under errorPolicy 'all': one failing alias does not fail the batch (docs/design.md D12). */
  errors: Array<{ message: string; path?: ReadonlyArray<string | number> }>;
  /** Centra's query-complexity cost of this request (`extensions.complexity`), when it says. */
  complexity?: number;
}

/** Integration API over graphql-request, throttled by the shared limiter; failures throw RemoteError. */
export function createCentraClient(options: CentraClientOptions) {
  const client = new GraphQLClient(options.url, {
    headers: { authorization: `Bearer ${options.token}` },
    errorPolicy: 'all',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let requests = 0;
  const metrics = options.metrics ?? NO_METRICS;

  const once = async <T>(query: string, variables?: Record<string, unknown>): Promise<CentraResult<T>> => {
    metrics.slotsRebooked('centra', await waitForSlot(options.limiter, options.now));
    requests++;
    const operation = operationName(query);
    const started = performance.now();
    const took = () => (performance.now() - started) / 1000;
    try {
      const res = await client.rawRequest<T>({ query, variables, signal: AbortSignal.timeout(options.timeoutMs) } as never);
      const complexity = (res.extensions as { complexity?: unknown } | undefined)?.complexity;
      metrics.centraRequest(operation, res.errors?.length ? 'partial' : 'ok', took());
      return {
        data: res.data ?? undefined,
        errors: (res.errors ?? []).map((e) => ({ message: e.message, path: e.path })),
        ...(typeof complexity === 'number' ? { complexity } : {}),
      };
    } catch (error) {
      const outcome = classifyCentraError({ thrown: error, now: options.now(), maxRetryAfterMs: options.maxRetryAfterMs });
      metrics.centraRequest(operation, outcome.kind, took());
      if (outcome.kind === 'rate_limited') await options.limiter.pauseUntil(options.now() + outcome.delayMs);
      throw new RemoteError(outcome);
    }
  };

  return {
    async request<T>(query: string, variables?: Record<string, unknown>, requestOptions: RequestOptions = {}): Promise<CentraResult<T>> {
      let sent = query;
      if (options.adapter && requestOptions.adapt !== false) {
        await options.adapter.ready();
        try {
          sent = options.adapter.adapt(query);
        } catch (error) {
          if (!(error instanceof UnsendableDocumentError)) throw error;
          throw new RemoteError({ kind: 'reject', reason: error.message, status: 0, body: '' });
        }
      }
      return withQuickRetries(() => once<T>(sent, variables));
    },
    /** Whether the live schema takes the registered document `name` (after the first schema check). */
    async canSend(name: string): Promise<boolean> {
      if (!options.adapter) return true;
      await options.adapter.ready();
      return options.adapter.canSend(name);
    },
    /** Requests sent so far (benchmarks report orders per request). */
    requestCount: (): number => requests,
  };
}

export type CentraClient = ReturnType<typeof createCentraClient>;

/** The document's operation name (our documents all name theirs): a fixed label, never a variable's value. */
function operationName(query: string): string {
  return /^\s*(?:query|mutation)\s+([A-Za-z_]\w{0,63})/.exec(query)?.[1] ?? 'anonymous';
}
