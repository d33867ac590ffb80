import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCatalogue, seedOrders, startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { runCliProcess, spawnService, type ChildService } from '../helpers/child-service.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { freePort } from './free-port.js';

let centra: CentraSimulator | undefined;
let ometria: OmetriaRecorder | undefined;
let child: ChildService | undefined;
const dirs: Array<{ remove(): void }> = [];
afterEach(async () => {
  child?.proc.kill('SIGTERM');
  if (child) await child.exited;
  child = undefined;
  await centra?.close();
  await ometria?.close();
  centra = ometria = undefined;
  for (const d of dirs.splice(0)) d.remove();
});

describe('centra-ometria init', () => {
  it('run unattended against the Centra simulator, writes a .env with which the service syncs an order', async () => {
    centra = await startCentraSimulator();
    seedCatalogue(centra.data, {});
    ometria = await startOmetriaRecorder();
    const dir = tempDir('init-');
    dirs.push(dir);
    const flags = [
      '--centra-url',
      centra.url,
      '--centra-token',
      centra.token,
      '--ometria-key',
      ometria.apiKey,
      '--ometria-url',
      ometria.baseUrl,
      '--webhook-secret',
      'init-test-secret',
      '--domain',
      'shop.example.com',
    ];

    const init = await runCliProcess(['init', ...flags], {}, dir.path);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Order sync works');
    const file = join(dir.path, '.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');
    expect(written).toContain(`OMETRIA_STORE_MAP='{"1":"shop.example.com/uk","2":"shop.example.com/se"}'`);
    expect(written).toContain('"store":"shop.example.com/uk","marketId":1,"pricelistId":1,"baseUrl":"https://shop.example.com/uk/product"');
    expect(written).toMatch(/^# /m);

    // A second run does not overwrite what the first wrote.
    expect((await runCliProcess(['init', ...flags], {}, dir.path)).code).toBe(2);

    // The service started in that folder reads the .env (production, not the sandbox) and syncs an order.
    const env = { PORT: String(await freePort()), DATA_DIR: join(dir.path, 'data') };
    child = await spawnService(env, 20_000, dir.path);
    expect(child.output.join('')).not.toContain('sandbox');
    const { first } = seedOrders(centra.data, { count: 1, seed: 7 });
    const sent = await runCliProcess(['send-webhook', 'order', String(first)], env, dir.path);
    expect(sent.stdout).toMatch(/\n200 /);
    const order = await waitFor(() => ometria!.store.get('order', String(first)), `order ${first} in Ometria`);
    expect(order).toMatchObject({ id: String(first), store: expect.stringMatching(/^shop\.example\.com\/(uk|se)$/) });
  });

  it('names the flag it needs when there is no terminal to ask on', async () => {
    const dir = tempDir('init-flags-');
    dirs.push(dir);
    const run = await runCliProcess(['init'], {}, dir.path);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--centra-url');
  });
});
