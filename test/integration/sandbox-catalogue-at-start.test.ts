import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnService } from '../helpers/child-service.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * A fresh sandbox shows its catalogue in the Ometria recorder right away (issue 16): the never-run full catalogue
 * sync starts with the service, not CATALOGUE_FULL_SYNC_HOURS later (server/scheduled-tasks.ts).
 */
describe('a sandbox started fresh (the built CLI, in its own process)', { timeout: 60_000 }, () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('has the seeded catalogue in the Ometria recorder within seconds of ready, with no webhook sent', async () => {
    const service = await spawnService({ DATA_DIR: join(dir.path, 'data'), PORT: '0' });
    try {
      const summary = async () =>
        (await (await fetch(`${service.url}/sandbox/ometria.json`)).json()) as { products: { count: number }; orders: { count: number } };
      await waitFor(async () => (await summary()).products.count > 0, 'products in the sandbox Ometria recorder', 15_000, 100);
      const { products, orders } = await summary();
      expect(products.count).toBeGreaterThan(0);
      // Nothing else was asked of it: the products came from the scheduled sync, not from an order's webhook.
      expect(orders.count).toBe(0);
    } finally {
      service.proc.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  });
});
