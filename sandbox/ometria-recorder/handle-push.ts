import { gate } from './gate.js';
import { checkPushBatch, summariseBody } from './push-batch.js';
import type { PushLogEntry } from './push-log.js';
import type { RecorderContext } from './recorder-context.js';
import { errorReply, type Reply } from './reply.js';
import { storeBatch } from './store-batch.js';

/** `POST /v2/push`: the answer and the log entry for one call. */
export function handlePush(ctx: RecorderContext, raw: Buffer | undefined, auth: string | undefined): { reply: Reply; entry: PushLogEntry } {
  const at = ctx.now();
  const body = parseJson(raw);
  const summary = summariseBody(body);
  const finish = (reply: Reply, rateLimited = false, requestId?: string) => ({
    reply,
    entry: { at, status: reply.reset ? 0 : reply.status, ...summary, requestId, rateLimited },
  });
  const gated = gate(ctx, auth, true);
  if (gated) return finish(gated.reply, gated.rateLimited);
  if (body === INVALID) return finish(errorReply(400, 'Body is not valid JSON'));
  const batch = checkPushBatch(body);
  if (!batch.ok) return finish(errorReply(400, batch.message));
  const refused = ctx.faults.rejectedIdIn(batch.type, summary.ids);
  if (refused !== undefined) return finish(errorReply(400, `Payload invalid: record ${refused} was refused`));
  const counts = storeBatch(ctx, batch.records);
  const requestId = ctx.newRequestId();
  return finish({ status: 202, body: { status: 'OK', request_id: requestId, ...counts } }, false, requestId);
}

const INVALID = Symbol('invalid JSON');

function parseJson(raw: Buffer | undefined): unknown {
  try {
    return JSON.parse(raw?.length ? raw.toString('utf8') : '');
  } catch {
    return INVALID;
  }
}
