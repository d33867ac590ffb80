import type { Response } from 'express';

/** What the recorder answers; `reset` destroys the socket instead (a connection reset for the client). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  reset?: boolean;
}

/** Ometria's error body shape ([SPEC] PushResponse with status ERROR; the message field is [INF]). */
export const errorReply = (status: number, message: string): Reply => ({ status, body: { status: 'ERROR', message } });

export async function sendReply(res: Response, reply: Reply): Promise<void> {
  if (reply.delayMs && reply.delayMs > 0) await new Promise((r) => setTimeout(r, reply.delayMs));
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) res.end();
  else res.json(reply.body);
}
