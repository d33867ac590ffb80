import type { RecorderContext } from './recorder-context.js';
import { errorReply, type Reply } from './reply.js';

export interface GateResult {
  reply: Reply;
  rateLimited: boolean;
}

/**
 * What every `/v2` request meets before its handler: an outage, a scripted answer (push only, and
 * before auth so scripts are deterministic), the API key, then the per-account rate limit.
 */
export function gate(ctx: RecorderContext, auth: string | undefined, isPush: boolean): GateResult | undefined {
  const down = ctx.faults.downMode();
  if (down === 'reset') return { reply: { status: 0, reset: true }, rateLimited: false };
  if (down) return { reply: errorReply(503, 'Service unavailable'), rateLimited: false };
  const scripted = isPush ? ctx.faults.takeScripted() : undefined;
  if (scripted) return { reply: scripted, rateLimited: false };
  if (auth !== ctx.apiKey) return { reply: errorReply(403, 'API key unauthorized'), rateLimited: false };
  const throttledMs = ctx.faults.throttledUntil() - ctx.now();
  if (throttledMs > 0) {
    const reply = errorReply(429, 'Too many requests: reduce the number of requests');
    reply.headers = { 'Retry-After': String(Math.ceil(throttledMs / 1000)) };
    return { reply, rateLimited: true };
  }
  if (ctx.limiter.take()) return undefined;
  const reply = errorReply(429, 'Too many requests: reduce the number of requests');
  if (ctx.retryAfterSeconds !== undefined) reply.headers = { 'Retry-After': String(ctx.retryAfterSeconds) };
  return { reply, rateLimited: true };
}
