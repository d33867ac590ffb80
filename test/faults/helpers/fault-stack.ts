import { randomBytes } from 'node:crypto';
import { seedOrders, startCentraSimulator, type CentraSimulator, type CentraSimulatorOptions } from '../../../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder, type OmetriaRecorderOptions } from '../../../sandbox/ometria-recorder/index.js';
import { testDatabase } from '../../helpers/database-env.js';
import { simSchemaFromEnv } from '../../helpers/sim-schema-env.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { ServiceProcess } from './service-process.js';

/** Secrets unique to one run, so a log line carrying one is found by a plain substring search. */
export interface Secrets {
  centraToken: string;
  ometriaKey: string;
  webhookSecret: string;
  adminToken: string;
}

export function newSecrets(): Secrets {
  const tag = () => randomBytes(12).toString('hex');
  return {
    centraToken: `centra-token-${tag()}`,
    ometriaKey: `ometria-key-${tag()}`,
    webhookSecret: `webhook-secret-${tag()}`,
    adminToken: `admin-token-${tag()}`,
  };
}

export interface FaultStack {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  service: ServiceProcess;
  secrets: Secrets;
  dataDir: string;
  /** The service's own PostgreSQL database on the PostgreSQL pass; undefined on SQLite (the store is under dataDir). */
  databaseUrl: string | undefined;
  /** Order numbers seeded in the Centra simulator, in order. */
  numbers: number[];
  /** Every customer email the simulator holds (what must never reach a log line). */
  emails(): string[];
  close(): Promise<void>;
}

export interface FaultStackOptions {
  orders: number;
  seed?: number;
  centra?: CentraSimulatorOptions;
  ometria?: OmetriaRecorderOptions;
  /** Extra service environment (OMETRIA_PUSH_RATE, CENTRA_RATE_LIMIT_10S, WORKER_ENABLED, …); undefined unsets one. */
  env?: Record<string, string | undefined>;
  /** Default: a fresh temp folder, removed on close. */
  dataDir?: string;
}

/**
 * The Centra simulator (seeded with `orders` orders, none held) and the Ometria recorder in this process, and the
 * environment of a service that runs in its own process against them (not started yet: `service.start()`). On the
 * PostgreSQL pass the service gets a fresh database of its own.
 */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const secrets = newSecrets();
  const centra = await startCentraSimulator({ token: secrets.centraToken, schema: simSchemaFromEnv(), ...options.centra });
  const ometria = await startOmetriaRecorder({ apiKey: secrets.ometriaKey, ...options.ometria });
  const { first } = seedOrders(centra.data, { count: options.orders, seed: options.seed ?? 1, heldShare: 0 });
  const numbers = Array.from({ length: options.orders }, (_, i) => first + i);
  const dir = options.dataDir ? undefined : tempDir('centra-ometria-faults-');
  const dataDir = options.dataDir ?? dir!.path;
  const database = await testDatabase();
  const env: Record<string, string | undefined> = {
    CENTRA_API_URL: centra.url,
    CENTRA_API_TOKEN: secrets.centraToken,
    CENTRA_WEBHOOK_SECRET: secrets.webhookSecret,
    OMETRIA_API_URL: ometria.baseUrl,
    OMETRIA_API_KEY: secrets.ometriaKey,
    OMETRIA_STORE_MAP: JSON.stringify({ '1': 'example.com/uk', '2': 'example.com/se', '*': 'example.com' }),
    ADMIN_TOKEN: secrets.adminToken,
    DATA_DIR: dataDir,
    ...database.env,
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
  };
  const service = new ServiceProcess(Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)));
  return {
    centra,
    ometria,
    service,
    secrets,
    dataDir,
    numbers,
    databaseUrl: database.url,
    emails: () =>
      centra.data.customers
        .values()
        .map((c) => c.email)
        .filter((e): e is string => typeof e === 'string' && e.includes('@')),
    async close() {
      await service.kill('SIGKILL');
      await Promise.all([centra.close(), ometria.close()]);
      await database.drop();
      dir?.remove();
    },
  };
}
