import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config/load-config.js';
import { createLogger } from '../server/log/logger.js';
import { createRuntime, type Runtime } from '../server/runtime.js';
import { startCentraSimulator, type CentraSimulator } from '../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder } from '../sandbox/ometria-recorder/index.js';
import { openConfiguredStore } from '../server/open-configured-store.js';
import type { Store } from '../server/store/store.js';

export interface BenchStack {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  store: Store;
  runtime: Runtime;
  close(): Promise<void>;
}

/**
 * Simulators with Centra's and Ometria's default rate limits, a temp store (PostgreSQL when `env` has
 * DATABASE_URL), and a runtime (no HTTP intake).
 */
export async function benchStack(env: Record<string, string> = {}): Promise<BenchStack> {
  const centra = await startCentraSimulator();
  const ometria = await startOmetriaRecorder();
  const dir = mkdtempSync(join(tmpdir(), 'centra-ometria-bench-'));
  const config = loadConfig({
    ...stackEnv(centra, ometria, dir),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const store = await openConfiguredStore(config).catch(async (error: unknown) => {
    await Promise.all([centra.close(), ometria.close()]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const runtime = createRuntime(config, store, { logger: createLogger('silent'), now: Date.now });
  return {
    centra,
    ometria,
    store,
    runtime,
    async close() {
      await store.close();
      await Promise.all([centra.close(), ometria.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The configuration of a service against these simulators, with its store under `dataDir`. */
export function stackEnv(centra: CentraSimulator, ometria: OmetriaRecorder, dataDir: string): Record<string, string> {
  return {
    CENTRA_API_URL: centra.url,
    CENTRA_API_TOKEN: centra.token,
    CENTRA_WEBHOOK_SECRET: 'bench',
    OMETRIA_API_URL: ometria.baseUrl,
    OMETRIA_API_KEY: ometria.apiKey,
    OMETRIA_STORE_MAP: '{"1":"example.com/uk","2":"example.com/se","*":"example.com"}',
    DATA_DIR: dataDir,
    CATALOGUE_STORES: JSON.stringify([
      { store: 'example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://example.com/uk/product' },
      { store: 'example.com/se', marketId: 2, pricelistId: 2, baseUrl: 'https://example.com/se/product' },
    ]),
  };
}
