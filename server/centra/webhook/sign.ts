import { createHmac } from 'node:crypto';

/** `X-Centra-Signature` value: `t=<unix s>,v1=<hex HMAC-SHA256(secret, "{t}.{rawBody}")>` (docs/design.md C2). */
export function signCentraWebhook(rawBody: string, secret: string, t: number): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest('hex');
  return `t=${t},v1=${v1}`;
}
