import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../server/package-root.js';
import { launchChromium } from '../test/helpers/browser.js';
import { atMost } from './goal.js';
import type { Figure } from './report.js';

/** Bundle size, and the main-thread cost of one tracker call in headless Chromium (median of 2,000). */
export async function trackerBench(): Promise<Figure[]> {
  const bundle = readFileSync(join(packageRoot(), 'dist', 'tracker.js'));
  const figures: Figure[] = [
    { name: 'tracker bundle, minified', value: bundle.length, unit: 'bytes', how: 'dist/tracker.js' },
    {
      name: 'tracker bundle, minified + gzipped',
      value: gzipSync(bundle, { level: 9 }).length,
      unit: 'bytes',
      goal: atMost(3584, 'budget 5120'),
      how: 'gzip -9',
    },
  ];
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<html><body></body></html>');
    await page.addScriptTag({
      content: 'window.centraOmetria=window.centraOmetria||function(){(window.centraOmetria.q=window.centraOmetria.q||[]).push(arguments)}',
    });
    await page.evaluate((src) => {
      const s = document.createElement('script');
      s.setAttribute('data-endpoint', 'http://127.0.0.1:9/collect');
      s.setAttribute('data-store', 'example.com/uk');
      s.textContent = src;
      document.body.appendChild(s);
    }, bundle.toString('utf8'));
    const micros = await page.evaluate(() => {
      const api = (window as unknown as { centraOmetria: { productView: (d: object) => void } }).centraOmetria;
      const times: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const t = performance.now();
        api.productView({ sku: `P${i % 50}BLK`, name: 'Tee', price: 10, currency: 'GBP' });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return times[1000]! * 1000;
    });
    figures.push({
      name: 'tracker: one productView on the main thread',
      value: Math.round(micros),
      unit: 'µs',
      goal: atMost(100),
      how: 'median of 2,000 calls in headless Chromium (queueing, storage, no network)',
    });
  } finally {
    await browser.close();
  }
  return figures;
}
