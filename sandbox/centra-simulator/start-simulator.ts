import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { SimData } from './data/sim-data.js';
import { DEFAULT_LIMIT } from './graphql/list-args.js';
import { makeRootValue } from './graphql/root-value.js';
import { simulatorSchema, type SimSchemaMode } from './graphql/schema.js';
import { FaultInjector } from './http/faults.js';
import { graphqlHandler } from './http/graphql-handler.js';
import { RateLimiter, type RateLimitOptions } from './http/rate-limiter.js';
import { RequestLog } from './http/request-log.js';

export interface CentraSimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1; tests never listen wider. */
  host?: string;
  /** Bearer token the simulator accepts. Default 'sim-token'. */
  token?: string;
  /** Data clock (updatedAt on update). Ignored when `data` is given: that store keeps its own. */
  now?: () => Date;
  /** Wall clock in epoch ms for rate limits, Retry-After and the request log. Default Date.now. */
  wallClock?: () => number;
  /** Store offset in minutes east of UTC for dates. Default 120. Ignored when `data` is given. */
  utcOffsetMinutes?: number;
  /** Centra's REQUEST_COUNT and QUERY_COMPLEXITY limits; `false` counts but never refuses (fast tests). */
  rateLimit?: false | Omit<RateLimitOptions, 'now'>;
  /**
   * `full` (default): the whole contract. `lean`: the contract without every `# guessed` item, as a Centra that
   * has only what its docs name would be (the sandbox and test stacks take it from CENTRA_SIM_SCHEMA).
   */
  schema?: SimSchemaMode;
  /** A store to serve, e.g. one seeded before start. Default: a new empty one. */
  data?: SimData;
  /** Page size when a list query passes no `limit`. Default 100 [INF]. */
  defaultLimit?: number;
  /** Request-log entries kept. Default 10,000. */
  requestLogLimit?: number;
}

export interface CentraSimulator {
  /** The full GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql (what CENTRA_API_URL holds). */
  url: string;
  port: number;
  token: string;
  data: SimData;
  faults: FaultInjector;
  requests: RequestLog;
  rateLimiter: RateLimiter;
  /** Which contract is served. */
  schema: SimSchemaMode;
  /** Ends open connections (including hung responses); safe to call twice. */
  close(): Promise<void>;
}

/** Starts a Centra Integration API stand-in serving POST /graphql over the contract SDL. */
export async function startCentraSimulator(options: CentraSimulatorOptions = {}): Promise<CentraSimulator> {
  const token = options.token ?? 'sim-token';
  const wallClock = options.wallClock ?? Date.now;
  const data =
    options.data ??
    new SimData({
      ...(options.now ? { now: options.now } : {}),
      ...(options.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: options.utcOffsetMinutes }),
    });
  const limiter = new RateLimiter({ ...(options.rateLimit || {}), now: wallClock }, options.rateLimit !== false);
  const faults = new FaultInjector(wallClock);
  const requests = new RequestLog(options.requestLogLimit);
  const closing = new AbortController();
  const schemaMode = options.schema ?? 'full';

  const app = express();
  app.disable('x-powered-by');
  app.post(
    '/graphql',
    express.json({ limit: '20mb' }),
    graphqlHandler({
      token,
      limiter,
      faults,
      requests,
      wallClock,
      closing: closing.signal,
      schema: simulatorSchema(schemaMode),
      context: { data, defaultLimit: options.defaultLimit ?? DEFAULT_LIMIT, schemaMode },
      rootValue: makeRootValue(() => limiter.rows()),
    }),
  );
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status ?? 500;
    if (req.path === '/graphql') {
      requests.record({ time: wallClock(), status, operationName: null, topLevelFields: 0, rootFields: [], query: '', durationMs: 0 });
    }
    const message = status >= 500 ? 'Internal error' : status === 400 ? 'Body is not valid JSON' : (err as Error).message;
    res.status(status).json({ errors: [{ message }] });
  });

  const server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    token,
    data,
    faults,
    requests,
    rateLimiter: limiter,
    schema: schemaMode,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      })),
  };
}
