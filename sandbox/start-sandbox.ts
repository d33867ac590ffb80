import { rmSync } from 'node:fs';
import type { Config } from '../server/config/load-config.js';
import { createLogger } from '../server/log/logger.js';
import { SANDBOX_WEBHOOK_SECRET, sandboxDataDir } from '../server/config/sandbox-location.js';
import { startService, type ServiceHandle, type ServiceOverrides } from '../server/main.js';
import { dataDirFailure } from '../server/start-up-error.js';
import { startCentraSimulator } from './centra-simulator/index.js';
import { seedNearNow } from './shop-life.js';
import { startOmetriaRecorder } from './ometria-recorder/index.js';
import { sandboxRouter } from './sandbox-router.js';

export { SANDBOX_WEBHOOK_SECRET };

/**
 * With no credentials (README, "Try it: the sandbox"), start an in-process Centra simulator and Ometria recorder and run the real
 * service against them. The sandbox store lives in DATA_DIR/sandbox and starts empty every time. A failed start
 * closes the simulators, so the process can exit.
 */
export async function startSandbox(config: Readonly<Config>, overrides: ServiceOverrides = {}): Promise<ServiceHandle> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const dataDir = sandboxDataDir(config.DATA_DIR);
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch (error) {
    throw dataDirFailure(config.DATA_DIR, error) ?? error;
  }
  const centra = await startCentraSimulator({ schema: config.CENTRA_SIM_SCHEMA });
  // A catalogue and customers dated just before now: the catalogue sync and a 7-day reconciliation see them.
  seedNearNow(centra.data, Date.now());
  const ometria = await startOmetriaRecorder().catch(async (error: unknown) => {
    await centra.close();
    throw error;
  });
  const closeSimulators = () => Promise.all([centra.close(), ometria.close()]);
  let url = '';
  let service: ServiceHandle;
  try {
    service = await startService(
      {
        ...config,
        DATA_DIR: dataDir,
        CENTRA_API_URL: centra.url,
        CENTRA_API_TOKEN: centra.token,
        CENTRA_WEBHOOK_SECRET: SANDBOX_WEBHOOK_SECRET,
        OMETRIA_API_URL: ometria.baseUrl,
        OMETRIA_API_KEY: ometria.apiKey,
        OMETRIA_STORE_MAP:
          Object.keys(config.OMETRIA_STORE_MAP).length > 0
            ? config.OMETRIA_STORE_MAP
            : { '1': 'sandbox.example.com/uk', '2': 'sandbox.example.com/se', '*': 'sandbox.example.com' },
        OMETRIA_ERRORS_POLL_SECONDS: Math.min(config.OMETRIA_ERRORS_POLL_SECONDS, 15),
        CATALOGUE_STORES: config.CATALOGUE_STORES ?? [
          { store: 'sandbox.example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://sandbox.example.com/uk/product' },
          { store: 'sandbox.example.com/se', marketId: 2, pricelistId: 2, baseUrl: 'https://sandbox.example.com/se/product' },
        ],
      },
      {
        ...overrides,
        logger,
        extraRouters: [
          sandboxRouter({ centra, ometria, webhookSecret: SANDBOX_WEBHOOK_SECRET, webhookUrl: () => `${url}/webhooks/centra` }),
          ...(overrides.extraRouters ?? []),
        ],
      },
    );
  } catch (error) {
    await closeSimulators();
    throw error;
  }
  url = service.url;
  logger.info(
    { centra: centra.url, ometria: ometria.baseUrl, dashboard: `${url}/status` },
    `sandbox: no credentials set, so Centra and Ometria are simulated in-process; open ${url}/ to place orders`,
  );
  return {
    ...service,
    async close() {
      await service.close();
      await closeSimulators();
    },
  };
}
