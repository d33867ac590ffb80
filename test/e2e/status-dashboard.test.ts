import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.js';
import { packageRoot } from '../../server/package-root.js';
import { runReconcile } from '../../server/jobs/reconcile/run-reconcile.js';
import { createRuntime } from '../../server/runtime.js';
import { launchChromium } from '../helpers/browser.js';
import { makeSimOrder, makeSimShipment } from '../helpers/centra-factories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_TOKEN: 'dashboard-admin-token' } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const recent = () => new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

describe('status dashboard in a real browser (issue 7)', () => {
  it('shows the alerts and findings of a scenario, and replays a dead letter with the admin token', async () => {
    const order = makeSimOrder({ number: 91, createdAt: recent(), orderDate: recent() });
    stack.centra.data.orders.add(order);
    stack.centra.data.orders.add(makeSimOrder({ number: 92, createdAt: recent(), orderDate: recent() }));
    stack.centra.data.orders.add(makeSimOrder({ number: 93, createdAt: recent(), orderDate: recent() }));
    stack.centra.data.shipments.add(makeSimShipment(order, { id: 951, number: '91-1', carrierInformation: null }));
    stack.ometria.faults.rejectIds('order', ['93']);
    await stack.send([
      { type: 'order', id: 91 },
      { type: 'order', id: 93 },
    ]);
    await waitFor(async () => (await stack.service.store.deadLetters.countOpen()) === 1 && stack.ometria.store.get('order', '91'), 'scenario settled');
    const runtime = createRuntime(stack.config, stack.service.store, { logger: createLogger('silent'), now: Date.now });
    await runReconcile(runtime.ctx, { scope: 'last 7 days', days: 7, repair: false, readBackLimit: 0 });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // Production: the dashboard first asks for ADMIN_TOKEN (issue 15); a wrong one is refused on the page.
    const first = await page.goto(`${stack.service.url}/status`);
    expect(first?.status()).toBe(401);
    await page.fill('input[name=token]', 'not-the-admin-token');
    await Promise.all([page.waitForLoadState(), page.click('form button')]);
    expect(await page.locator('[role=alert]').innerText()).toMatch(/Wrong token/);
    await page.fill('input[name=token]', 'dashboard-admin-token');
    await Promise.all([page.waitForURL(/\/status$/), page.click('form button')]);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'centra_ometria_session', httpOnly: true, sameSite: 'Strict' });
    expect(cookie!.value).not.toContain('dashboard-admin-token');
    const text = await page.locator('body').innerText();
    expect(text).toContain('shipment 91-1 has a tracking number but no carrier: Ometria cannot build a tracking link');
    expect(text).toMatch(/Ometria did not take order 93 \(dead letter #\d+\)/);
    expect(text).toMatch(/order_missing\s+order 92/);
    expect(text).toMatch(/Last reconciliation \(last 7 days\): 3 orders checked/);
    const artifacts = join(packageRoot(), 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'status-dashboard.png'), fullPage: true });

    stack.ometria.faults.reset();
    // The replay form carries the session's CSRF token, not ADMIN_TOKEN.
    expect(await page.locator('form input[name=token]').count()).toBe(0);
    // The dashboard (issue 16) navigates between its sections, shows times relative with UTC on hover, charts the
    // last 24 hours, and reloads itself.
    expect(await page.locator('nav a[href="#dead-letters"]').count()).toBe(1);
    expect(await page.locator('h2#dead-letters').count()).toBe(1);
    expect(await page.locator('time[title$=" UTC"]').first().innerText()).toMatch(/ago|just now/);
    expect(await page.locator('#activity ~ .charts svg').count()).toBe(3);
    expect(await page.locator('.charts svg').first().locator('rect').count()).toBe(24);
    expect(await page.locator('meta[http-equiv=refresh]').getAttribute('content')).toMatch(/^30;url=\/status$/);
    // Order lookup: the trail of order 91 on one page.
    await page.fill('input[name=q]', '91');
    await Promise.all([page.waitForURL(/\/status\?q=91$/), page.click('form.lookup button')]);
    const lookup = await page.locator('body').innerText();
    expect(lookup).toMatch(/order\s+91\s+done/);
    expect(lookup).toMatch(/order 91\s+\d+ (s|min) ago|order 91\s+just now/);
    await page.screenshot({ path: join(artifacts, 'status-dashboard-lookup.png'), fullPage: true });

    // A replay form whose session has gone (expired, logged out elsewhere) lands on the login page saying why, not
    // on a JSON error.
    const staleContext = await browser.newContext();
    await staleContext.addCookies(await page.context().cookies());
    const stale = await staleContext.newPage();
    await stale.goto(`${stack.service.url}/status`);
    await staleContext.clearCookies();
    await Promise.all([stale.waitForLoadState(), stale.click('form[action*="/replay"] button')]);
    expect(await stale.locator('[role=alert]').innerText()).toMatch(/session has expired or was never opened, so nothing was done/);
    expect(await stale.locator('input[name=token]').count()).toBe(1);
    await staleContext.close();
    expect(await stack.service.store.deadLetters.countOpen()).toBe(1);

    await Promise.all([page.waitForURL(/\/status\?replay=replayed&id=\d+#dead-letters$/), page.click('form[action*="/replay"] button')]);
    expect(await page.locator('.notice[role=status]').innerText()).toMatch(/^Dead letter #\d+ was queued again/);
    await waitFor(() => stack.ometria.store.get('order', '93'), 'order 93 replayed from the dashboard');
    // The page's stylesheet is allowed by the CSP's hash: the browser reported no violation.
    expect(violations).toEqual([]);
    expect(
      await page
        .locator('.card b')
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe('block');

    await Promise.all([page.waitForURL(/\/status$/), page.click('form[action$="/status/logout"] button')]);
    expect(await page.locator('input[name=token]').count()).toBe(1);
    await page.close();
  });

  it('serves the same figures in Prometheus format on /metrics', async () => {
    expect((await fetch(`${stack.service.url}/metrics`)).status).toBe(401);
    const text = await (await fetch(`${stack.service.url}/metrics`, { headers: stack.admin })).text();
    expect(text).toMatch(/centra_ometria_jobs\{tenant="default",kind="order",state="done"\} \d+/);
    expect(text).toMatch(/centra_ometria_alerts_open\{tenant="default",team="ecommerce"\} [1-9]/);
    // Orders 92 (never sent) and 93 (dead-lettered) are missing from Ometria at reconciliation time.
    expect(text).toMatch(/centra_ometria_findings_open\{tenant="default",kind="order_missing"\} 2/);
    expect(text).toContain('centra_ometria_lag_seconds');
  });
});
