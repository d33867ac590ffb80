import type { Response } from 'express';
import type { RecorderContext } from './recorder-context.js';
import { sendReply, type Reply } from './reply.js';

/** Sends a reply after the injected latency; marks rate-limit refusals for the request log. */
export function respond(ctx: RecorderContext, res: Response, reply: Reply, rateLimited = false): Promise<void> {
  res.locals.rateLimited = rateLimited;
  return sendReply(res, { ...reply, delayMs: (reply.delayMs ?? 0) + ctx.faults.extraLatencyMs() });
}
