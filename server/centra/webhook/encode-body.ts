import { phpJsonEncode } from './php-json.js';

/** PHP `urlencode`: only `A-Za-z0-9_.-` stay; space becomes `+`; hex in upper case. */
export function phpUrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Centra's delivery body: one form field `payload` holding the URL-encoded JSON (docs/design.md C1,
 * C2). [INF] The byte-level encoding (`+` for spaces) follows PHP's defaults.
 */
export function encodeWebhookBody(payload: object): string {
  return `payload=${phpUrlEncode(phpJsonEncode(payload))}`;
}
