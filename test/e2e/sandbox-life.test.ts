import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';
import { packageRoot } from '../../server/package-root.js';
import { launchChromium } from '../helpers/browser.js';
import { testDatabase } from '../helpers/database-env.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

let browser: Browser;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
const dir = tempDir();
beforeAll(async () => {
  const database = await testDatabase();
  sandbox = await startSandbox(loadConfig({ DATA_DIR: dir.path, ...database.env, PORT: '0', LOG_LEVEL: 'silent' }));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  dir.remove();
});

const artifacts = join(packageRoot(), 'test-artifacts');
const click = async (page: Page, label: string) => {
  await Promise.all([page.waitForURL(/\/#controls$/), page.getByRole('button', { name: label, exact: true }).first().click()]);
  return page.locator('.said[role=status]').innerText();
};
const ometriaRecord = async (page: Page, type: string, id: string) => {
  await page.goto(`${sandbox.url}/sandbox/ometria?type=${type}`);
  const summary = page.locator('summary', { hasText: new RegExp(`^${type} ${id}\\b`) });
  return (await summary.count()) > 0 ? summary : undefined;
};

describe("the sandbox shows a shop's whole life in a real browser (issue 16)", () => {
  it('places an order, ships and returns it, makes Ometria reject one, and replays it from the dashboard', async () => {
    mkdirSync(artifacts, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${sandbox.url}/`);

    expect(await click(page, 'Place an order')).toMatch(/^Order 1 was placed\. Centra sent the webhook \(order 1\)/);
    await waitFor(async () => ometriaRecord(page, 'order', '1'), 'order 1 in Ometria');
    await page.goto(`${sandbox.url}/`);
    expect(await click(page, 'Ship')).toMatch(/^Order 1 was shipped with DHL, tracking number DH\d+/);
    // The shipped order reaches Ometria with its shipment: open the record in full.
    const shipped = await waitFor(async () => {
      const summary = await ometriaRecord(page, 'order', '1');
      if (!summary) return undefined;
      await summary.click();
      const text = await page.locator('details[open] pre').innerText();
      return /DH\d{10}/.test(text) ? text : undefined;
    }, 'order 1 shipped in Ometria');
    expect(shipped).toContain('"@type": "order"');
    await page.goto(`${sandbox.url}/`);
    expect(await click(page, 'Return')).toMatch(/^The first line of order 1 was returned \(return 11\)/);
    expect(await click(page, 'Cancel')).toMatch(/^Order 1 was shipped: return it instead of cancelling it\./);
    await page.screenshot({ path: join(artifacts, 'sandbox-life.png'), fullPage: true });

    expect(await click(page, 'Make Ometria reject the next order')).toMatch(/^Ometria will refuse order 2 /);
    expect(await click(page, 'Place an order')).toMatch(/^Order 2 was placed/);
    await waitFor(async () => (await sandbox.store.deadLetters.countOpen()) === 1, 'order 2 dead-lettered');
    expect(await click(page, 'Clear faults')).toBe('Centra and Ometria behave again.');

    await page.goto(`${sandbox.url}/status`);
    expect(await page.locator('#dead-letters + table').innerText()).toMatch(/order 2/);
    await Promise.all([page.waitForURL(/replay=replayed/), page.click('form[action*="/replay"] button')]);
    expect(await page.locator('.notice[role=status]').innerText()).toMatch(/was queued again/);
    await waitFor(async () => ometriaRecord(page, 'order', '2'), 'order 2 replayed into Ometria');
    await page.screenshot({ path: join(artifacts, 'sandbox-ometria.png'), fullPage: true });
    await page.close();
  });
});
