import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, RequestHandler, Response } from 'express';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { SimContext } from '../graphql/context.js';
import { executeOperation } from '../graphql/execute-operation.js';
import { queryComplexity } from '../graphql/query-complexity.js';
import { presentedToken } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RequestLog } from './request-log.js';
import { rootFieldKeys } from './root-fields.js';

export interface HandlerDeps {
  token: string;
  /** The served schema (full or lean contract). */
  schema: GraphQLSchema;
  context: SimContext;
  rootValue: unknown;
  limiter: RateLimiter;
  faults: FaultInjector;
  requests: RequestLog;
  wallClock: () => number;
  /** Aborted when the simulator closes, ending pending hangs. */
  closing: AbortSignal;
}

const errorBody = (message: string) => ({ errors: [{ message }] });

function tryParse(query: string): { doc?: DocumentNode; error?: unknown } {
  try {
    return { doc: parse(query) };
  } catch (error) {
    return { error };
  }
}

/**
 * POST /graphql in the order a request meets Centra's edge: delay (latency, hangs), injected
 * faults, auth (401), request-count limit (429 with an HTTP-date Retry-After), parse and validate
 * (400), complexity limit (429 likewise), then execute. An executed response carries its cost in
 * `extensions.complexity`.
 */
export function graphqlHandler(deps: HandlerDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const time = deps.wallClock();
    const body = (req.body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    const query = typeof body.query === 'string' ? body.query : '';
    const operationName = typeof body.operationName === 'string' ? body.operationName : null;
    const parsed = tryParse(query);
    const rootFields = parsed.doc ? rootFieldKeys(parsed.doc, operationName) : [];
    const log = (status: number) =>
      deps.requests.record({ time, status, operationName, rootFields, topLevelFields: rootFields.length, query, durationMs: deps.wallClock() - time });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      log(status);
      res.status(status).set(headers);
      if (typeof payload === 'string') res.type(payload.trimStart().startsWith('<') ? 'html' : 'json').send(payload);
      else res.json(payload);
    };

    const delayMs = deps.faults.takeDelayMs();
    if (delayMs > 0) {
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      try {
        await sleep(delayMs, undefined, { signal: AbortSignal.any([gone.signal, deps.closing]) });
      } catch {
        log(0);
        if (!res.headersSent) res.destroy();
        return;
      }
    }

    const fault = deps.faults.takeFault();
    if (fault?.kind === 'fail') return send(fault.status, fault.body ?? errorBody(`Simulated failure (HTTP ${fault.status})`));
    if (fault?.kind === 'rateLimit') {
      return send(429, errorBody('Rate limit exceeded (simulated)'), fault.retryAfter === null ? {} : { 'Retry-After': fault.retryAfter });
    }
    if (presentedToken(req) !== deps.token) return send(401, errorBody('Unauthorized: missing or invalid access token'));
    const admission = deps.limiter.admit();
    if (!admission.ok) {
      return send(429, errorBody('Rate limit exceeded: REQUEST_COUNT'), { 'Retry-After': admission.retryAt.toUTCString() });
    }
    if (!query) return send(400, errorBody('Must provide query string.'));
    if (!parsed.doc) return send(400, { errors: [{ message: String((parsed.error as Error)?.message ?? parsed.error) }] });
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : null;
    const invalid = validate(deps.schema, parsed.doc);
    if (invalid.length > 0) return send(400, { errors: invalid });
    const complexity = queryComplexity(deps.schema, parsed.doc, variables, operationName);
    const budget = deps.limiter.admitComplexity(complexity);
    if ('tooComplex' in budget) {
      // [INF] Centra's answer to a query over a whole window's quota is undocumented; waiting cannot help it.
      return send(400, { ...errorBody(`Query complexity ${complexity} exceeds the QUERY_COMPLEXITY quota`), extensions: { complexity } });
    }
    if ('retryAt' in budget) {
      return send(429, { ...errorBody('Rate limit exceeded: QUERY_COMPLEXITY'), extensions: { complexity } }, { 'Retry-After': budget.retryAt.toUTCString() });
    }
    const out = await executeOperation(deps.schema, { document: parsed.doc, variables, operationName }, deps.rootValue, deps.context);
    send(out.status, { ...out.body, extensions: { ...out.body.extensions, complexity } });
  };
}
