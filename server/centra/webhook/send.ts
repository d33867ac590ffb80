import { encodeWebhookBody } from './encode-body.js';
import { signCentraWebhook } from './sign.js';

export interface SendWebhookOptions {
  url: string;
  secret: string;
  /** The JSON payload, e.g. `{ events: [{ type: 'order', action: 'create', date, id: 14 }] }`. */
  payload: object;
  /** Signature timestamp, Unix seconds. Default: `now()`. */
  t?: number;
  now?: () => Date;
  /** Exact body bytes to send instead of encoding `payload` (to test odd encodings). */
  rawBody?: string;
  /** Header value to send instead of the correct signature (to test rejections); null sends none. */
  signature?: string | null;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Default 5,000 ms, Centra's default delivery timeout. */
  timeoutMs?: number;
}

/** POSTs one delivery as Centra's webhook plugin does. */
export async function sendCentraWebhook(options: SendWebhookOptions): Promise<{ status: number; body: string }> {
  const body = options.rawBody ?? encodeWebhookBody(options.payload);
  const t = options.t ?? Math.floor((options.now ?? (() => new Date()))().getTime() / 1000);
  const signature = options.signature === undefined ? signCentraWebhook(body, options.secret, t) : options.signature;
  const response = await (options.fetch ?? fetch)(options.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: '*/*',
      ...(signature === null ? {} : { 'X-Centra-Signature': signature }),
      ...options.headers,
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  return { status: response.status, body: await response.text() };
}
