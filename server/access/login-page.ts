import { escapeHtml } from '../status/html.js';
import { STATUS_STYLE } from '../status/status-style.js';

/**
 * What a browser sees at /status without a session: the login form (POST <base>/status/login), or, while
 * ADMIN_TOKEN is unset in production, why the page is closed. No script, the dashboard's stylesheet.
 */
export function renderAccessPage(input: { baseUrl: string; closed: boolean; message?: string | undefined; error?: string }): string {
  const body = input.closed
    ? `<h1>centra-ometria status</h1><p class="error">${escapeHtml(input.message ?? '')}</p>`
    : `<h1>centra-ometria status</h1>
<p>Log in with this service's ADMIN_TOKEN. The browser then keeps a session cookie (never the token) for 12 hours.</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="${escapeHtml(`${input.baseUrl}/status/login`)}">
<label>ADMIN_TOKEN <input type="password" name="token" autocomplete="current-password" required autofocus size="40"></label>
<button>Log in</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>centra-ometria status: log in</title><style>${STATUS_STYLE}</style></head><body>${body}</body></html>`;
}
