import { loadConfig, type Config } from '../../server/config/load-config.js';
import { startService, type ServiceHandle, type ServiceOverrides } from '../../server/main.js';
import { sendCentraWebhook, startCentraSimulator, type CentraSimulator, type CentraSimulatorOptions } from '../../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder, type OmetriaRecorderOptions } from '../../sandbox/ometria-recorder/index.js';
import { testDatabase } from './database-env.js';
import { simSchemaFromEnv } from './sim-schema-env.js';
import { tempDir } from './temp-dir.js';

export const WEBHOOK_SECRET = 'test-endpoint-secret';

let sent = 0;
/**
 * Centra's event `date` (no zone, microseconds) differs on every delivery it sends, so two sends are two signed
 * deliveries even within one second; an identical copy would be a replay, stored once (issue 15).
 */
function nextCentraDate(): string {
  sent++;
  return `2024-06-03 16:00:00.${String(sent % 1_000_000).padStart(6, '0')}`;
}
export const STORE_MAP = { '1': 'example.com/uk', '2': 'example.com/se', '*': 'example.com' };
/** The stack's ADMIN_TOKEN unless a test sets its own: production closes /status without one (issue 15). */
export const ADMIN_TOKEN = 'stack-admin-token-0123456789';

export interface Stack {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  service: ServiceHandle;
  config: Readonly<Config>;
  env: Record<string, string>;
  dataDir: string;
  webhookUrl: string;
  /** `Authorization: Bearer <the stack's ADMIN_TOKEN>`, for /status, /status.json, /metrics and admin actions. */
  admin: Record<string, string>;
  /** Sends a signed Integration API delivery of `{type, id}` events. */
  send(events: Array<{ type: string; id: number; action?: string }>, t?: number): Promise<{ status: number; body: string }>;
  /** Restarts the service alone on the same store, optionally with changed variables. */
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real service on 127.0.0.1 against the Centra simulator and the Ometria recorder, with a temp store (on the
 * PostgreSQL pass a fresh database, in `env.DATABASE_URL`).
 */
export async function startStack(
  options: {
    env?: Record<string, string>;
    centra?: CentraSimulatorOptions;
    ometria?: OmetriaRecorderOptions;
    dataDir?: string;
    /** The service's own overrides, e.g. a `fetch` that rewrites what Centra answers. */
    service?: ServiceOverrides;
  } = {},
): Promise<Stack> {
  const centra = await startCentraSimulator({ rateLimit: false, schema: simSchemaFromEnv(), ...options.centra });
  const ometria = await startOmetriaRecorder({ ratePerSecond: 0, ...options.ometria });
  const dir = options.dataDir ? undefined : tempDir();
  const dataDir = options.dataDir ?? dir!.path;
  const database = await testDatabase();
  const env: Record<string, string> = {
    CENTRA_API_URL: centra.url,
    CENTRA_API_TOKEN: centra.token,
    CENTRA_WEBHOOK_SECRET: WEBHOOK_SECRET,
    OMETRIA_API_URL: ometria.baseUrl,
    OMETRIA_API_KEY: ometria.apiKey,
    OMETRIA_STORE_MAP: JSON.stringify(STORE_MAP),
    OMETRIA_PUSH_RATE: '50',
    DATA_DIR: dataDir,
    ...database.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN,
    ...options.env,
  };
  const config = loadConfig(env);
  let service = await startService(config, options.service);
  const stack: Stack = {
    centra,
    ometria,
    config,
    env,
    dataDir,
    get service() {
      return service;
    },
    get webhookUrl() {
      return `${service.url}/webhooks/centra`;
    },
    get admin(): Record<string, string> {
      return env.ADMIN_TOKEN ? { authorization: `Bearer ${env.ADMIN_TOKEN}` } : {};
    },
    send: (events, t) =>
      sendCentraWebhook({
        url: `${service.url}/webhooks/centra`,
        secret: WEBHOOK_SECRET,
        payload: { events: events.map((e) => ({ action: 'update', date: nextCentraDate(), ...e })) },
        ...(t === undefined ? {} : { t }),
      }),
    async restart(extra = {}) {
      await service.close();
      Object.assign(env, extra);
      service = await startService(loadConfig(env), options.service);
    },
    async close() {
      await service.close();
      await Promise.all([centra.close(), ometria.close()]);
      await database.drop();
      dir?.remove();
    },
  };
  return stack;
}
