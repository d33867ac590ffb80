// Issue 15, item 3: in production /status, /status.json, /metrics and admin actions need ADMIN_TOKEN (or
// METRICS_TOKEN for /metrics); the sandbox on loopback stays open. Real HTTP on 127.0.0.1 throughout.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { testDatabase } from '../helpers/database-env.js';
import { ADMIN_TOKEN, startStack, type Stack } from '../helpers/stack.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Logs in through the form; the session cookie as a Cookie header, and the raw Set-Cookie. */
async function login(url: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string; setCookie: string }> {
  const reply = await fetch(`${url}/status/login`, form({ token }, headers));
  const setCookie = reply.headers.get('set-cookie') ?? '';
  return { status: reply.status, cookie: setCookie.split(';')[0]!, setCookie };
}

/** A dead letter to replay: order 71 refused by Ometria. */
async function deadLetter(s: Stack): Promise<number> {
  s.centra.data.orders.add(makeSimOrder({ number: 71 }));
  s.ometria.faults.rejectIds('order', ['71']);
  await s.send([{ type: 'order', id: 71 }]);
  const letter = (await waitFor(async () => (await s.service.store.deadLetters.listOpen())[0], 'dead letter of order 71'))!;
  s.ometria.faults.reset();
  return letter.id;
}

describe('private operations pages in production (issue 15)', () => {
  it('answers 401 without a token, 200 with the bearer, and METRICS_TOKEN opens /metrics alone', async () => {
    stack = await startStack({ env: { METRICS_TOKEN } });
    const url = stack.service.url;

    const json = await fetch(`${url}/status.json`);
    expect(json.status).toBe(401);
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    expect((await json.json()).error).toMatch(/ADMIN_TOKEN/);
    const wrong = await fetch(`${url}/status.json`, { headers: bearer('not-the-admin-token-at-all') });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatch(/wrong token/);
    expect((await fetch(`${url}/status.json`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(200);

    // The browser gets the login form, not JSON.
    const page = await fetch(`${url}/status`);
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<form method="post" action="\/status\/login">/);

    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${url}/metrics`, { headers: bearer(METRICS_TOKEN) });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('centra_ometria_jobs');
    expect((await fetch(`${url}/metrics`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(200);
    expect((await fetch(`${url}/status.json`, { headers: bearer(METRICS_TOKEN) })).status).toBe(401);
    expect((await fetch(`${url}/status`, { headers: bearer(METRICS_TOKEN) })).status).toBe(401);
    expect((await fetch(`${url}/admin/dead-letters/1/replay`, { method: 'POST', headers: bearer(METRICS_TOKEN) })).status).toBe(401);
  });

  it('logs in through the form: an HttpOnly, SameSite=Strict cookie holding no token, then the page loads', async () => {
    stack = await startStack({ env: { TRUST_PROXY: 'loopback' } }); // a TLS-terminating proxy on loopback (below)
    const url = stack.service.url;
    const refused = await fetch(`${url}/status/login`, form({ token: 'not-the-admin-token-at-all' }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).toMatch(/Wrong token/);

    const session = await login(url, ADMIN_TOKEN);
    expect(session.status).toBe(303);
    expect(session.setCookie).toMatch(/^centra_ometria_session=[^;]+; Max-Age=43200; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(session.setCookie).not.toContain(ADMIN_TOKEN);
    const page = await fetch(`${url}/status`, { headers: { cookie: session.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Log out');
    // The session opens the JSON too (same origin), but a forged or altered cookie opens nothing.
    expect((await fetch(`${url}/status.json`, { headers: { cookie: session.cookie } })).status).toBe(200);
    const forged = session.cookie.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await fetch(`${url}/status`, { headers: { cookie: forged } })).status).toBe(401);
    expect((await fetch(`${url}/status`, { headers: { cookie: `centra_ometria_session=${ADMIN_TOKEN}` } })).status).toBe(401);

    // Behind a TLS-terminating proxy on loopback (trust proxy), the cookie is Secure.
    expect((await login(url, ADMIN_TOKEN, { 'x-forwarded-proto': 'https' })).setCookie).toMatch(/; Secure/);

    const logout = await fetch(`${url}/status/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: session.cookie } });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/^centra_ometria_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
  });

  it("refuses a replay POST from a session without the form's CSRF token (403), and performs it with the token", async () => {
    stack = await startStack();
    const url = stack.service.url;
    const id = await deadLetter(stack);
    const { cookie } = await login(url, ADMIN_TOKEN);
    const page = await (await fetch(`${url}/status`, { headers: { cookie } })).text();
    const csrf = new RegExp(`action="/admin/dead-letters/${id}/replay"><input type="hidden" name="csrf" value="([0-9a-f]{64})"`).exec(page)?.[1];
    expect(csrf).toBeDefined();
    expect(page).not.toContain(ADMIN_TOKEN);

    const replay = `${url}/admin/dead-letters/${id}/replay`;
    const missing = await fetch(replay, form({}, { cookie }));
    expect(missing.status).toBe(403);
    expect((await missing.json()).error).toMatch(/CSRF token/);
    expect((await fetch(replay, form({ csrf: '0'.repeat(64) }, { cookie }))).status).toBe(403);
    // A CSRF token without the session is no login.
    expect((await fetch(replay, form({ csrf: csrf! }))).status).toBe(401);
    // Another session's token does not fit this session.
    const other = await login(url, ADMIN_TOKEN);
    expect((await fetch(replay, form({ csrf: csrf! }, { cookie: other.cookie }))).status).toBe(403);
    expect(await stack.service.store.deadLetters.countOpen()).toBe(1);

    const done = await fetch(replay, form({ csrf: csrf! }, { cookie }));
    expect(done.status).toBe(303);
    // Back to the dashboard, which says what happened (a code and the id, never text from the request).
    expect(done.headers.get('location')).toBe(`/status?replay=replayed&id=${id}#dead-letters`);
    await waitFor(() => stack!.ometria.store.get('order', '71'), 'order 71 replayed from the form');
  });

  it('closes every operations page with 403 while ADMIN_TOKEN is unset, saying to set it', async () => {
    stack = await startStack({ env: { ADMIN_TOKEN: '' } });
    const url = stack.service.url;
    for (const path of ['/status.json', '/metrics']) {
      const reply = await fetch(`${url}${path}`, { headers: bearer('anything-at-all-0123456789') });
      expect(reply.status, path).toBe(403);
      expect((await reply.json()).error, path).toMatch(/set (METRICS_TOKEN \(for a scraper\) or )?ADMIN_TOKEN/);
    }
    const page = await fetch(`${url}/status`);
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(/set ADMIN_TOKEN to enable them/);
    expect((await fetch(`${url}/status/login`, form({ token: 'anything-at-all-0123456789' }))).status).toBe(403);
    expect((await fetch(`${url}/admin/dead-letters/1/replay`, { method: 'POST' })).status).toBe(403);
    // METRICS_TOKEN alone still lets a scraper in.
    await stack.restart({ METRICS_TOKEN });
    expect((await fetch(`${stack.service.url}/metrics`, { headers: bearer(METRICS_TOKEN) })).status).toBe(200);
    expect((await fetch(`${stack.service.url}/status.json`, { headers: bearer(METRICS_TOKEN) })).status).toBe(403);
  });

  it('sends security headers on every response, and lets storefronts load /tracker.js and post to /collect', async () => {
    stack = await startStack();
    const url = stack.service.url;
    for (const [path, headers] of [
      ['/status', {}],
      ['/status', bearer(ADMIN_TOKEN)],
      ['/status.json', bearer(ADMIN_TOKEN)],
      ['/healthz', {}],
      ['/readyz', {}],
      ['/nowhere', {}],
    ] as const) {
      const reply = await fetch(`${url}${path}`, { headers });
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
      expect(csp, path).not.toMatch(/script-src|unsafe/);
      expect(reply.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(reply.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(reply.headers.get('x-frame-options'), path).toBe('DENY');
      expect(reply.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(reply.headers.get('x-powered-by'), path).toBeNull();
    }
    // Cross-origin by design: a storefront's <script src> and its beacon.
    const tracker = await fetch(`${url}/tracker.js`, { headers: { origin: 'https://shop.example' } });
    expect(tracker.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(tracker.headers.get('cross-origin-embedder-policy')).toBeNull();
    const preflight = await fetch(`${url}/collect`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('never shows a tracker visitor id in full', async () => {
    stack = await startStack();
    const visitor = '3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b';
    await stack.service.store.jobs.enqueue('collect', visitor, Date.now());
    const json = (await (await fetch(`${stack.service.url}/status.json`, { headers: bearer(ADMIN_TOKEN) })).json()) as {
      jobs: Array<{ kind: string; entity: string }>;
    };
    expect(json.jobs.find((j) => j.kind === 'collect')?.entity).toBe('3f2b…');
    const page = await (await fetch(`${stack.service.url}/status`, { headers: bearer(ADMIN_TOKEN) })).text();
    expect(page + JSON.stringify(json)).not.toContain(visitor.slice(4));
    expect(page).toContain('3f2b…');
  });
});

describe('the sandbox on loopback stays open (issue 15)', () => {
  it('serves /status.json and /metrics without a token, and its replay form still carries a CSRF token', async () => {
    const dir = tempDir();
    const database = await testDatabase();
    const sandbox = await startSandbox(loadConfig({ DATA_DIR: dir.path, ...database.env, PORT: '0', LOG_LEVEL: 'silent' }));
    try {
      expect((await fetch(`${sandbox.url}/status.json`)).status).toBe(200);
      expect((await fetch(`${sandbox.url}/metrics`)).status).toBe(200);
      const status = await fetch(`${sandbox.url}/status`);
      expect(status.status).toBe(200);
      expect(status.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // A page of another site could post this form to the developer's loopback: the CSRF token stops it.
      const refused = await fetch(`${sandbox.url}/admin/dead-letters/1/replay`, { method: 'POST' });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatch(/CSRF/);
      // The sandbox's own pages run inline scripts under their own CSP.
      expect((await fetch(`${sandbox.url}/`)).headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
    } finally {
      await sandbox.close();
      await database.drop();
      dir.remove();
    }
  });
});
