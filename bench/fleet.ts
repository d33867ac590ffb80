import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import { benchSchema } from './bench-schema.js';
import { startChild, type Child } from './child.js';

export interface Fleet {
  children: Child[];
  stop(): Promise<void>;
}

/**
 * `replicas` service processes (the built CLI) on one store: a fresh PostgreSQL schema of `databaseUrl` when
 * `postgres`, else SQLite in the process's own DATA_DIR (one process only, by design).
 */
export async function startFleet(env: Record<string, string>, databaseUrl: string, setup: { replicas: number; postgres: boolean }): Promise<Fleet> {
  const schema = setup.postgres ? await benchSchema(databaseUrl) : undefined;
  const dirs = Array.from({ length: setup.replicas }, () => mkdtempSync(join(tmpdir(), 'centra-ometria-replica-')));
  const children: Child[] = [];
  // One at a time: the first migrates the schema; the others find it done.
  for (const dir of dirs) {
    children.push(
      await startChild(join(packageRoot(), 'dist/bin/centra-ometria.js'), ['serve'], {
        ...env,
        DATA_DIR: dir,
        ...(schema ? { DATABASE_URL: schema.url } : {}),
      }),
    );
  }
  return {
    children,
    async stop() {
      await Promise.all(children.map((c) => c.stop()));
      await schema?.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The variables that point a replica at the Centra simulator and the Ometria recorder. */
export function remotesEnv(
  centra: { url: string; token: string },
  ometria: { baseUrl: string; apiKey: string },
  webhookSecret: string,
): Record<string, string> {
  return {
    CENTRA_API_URL: centra.url,
    CENTRA_API_TOKEN: centra.token,
    OMETRIA_API_URL: ometria.baseUrl,
    OMETRIA_API_KEY: ometria.apiKey,
    CENTRA_WEBHOOK_SECRET: webhookSecret,
  };
}
