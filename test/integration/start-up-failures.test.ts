import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxDataDir } from '../../server/config/sandbox-location.js';
import { CLI, spawnService } from '../helpers/child-service.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Credentials that never reach anything: production mode, with the worker off so nothing calls out. */
const PRODUCTION = {
  CENTRA_API_URL: 'http://127.0.0.1:9/graphql',
  CENTRA_API_TOKEN: 'token',
  CENTRA_WEBHOOK_SECRET: 'start-up-secret',
  OMETRIA_API_URL: 'http://127.0.0.1:9/v2',
  OMETRIA_API_KEY: 'key',
  OMETRIA_STORE_MAP: '{"*":"example.com"}',
  WORKER_ENABLED: 'false',
  HOST: '127.0.0.1',
  PORT: '0',
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** `serve` in its own process, killed if it outlives `killAfterMs` (so a hang fails the test, not the run). */
function serve(env: Record<string, string>, killAfterMs = 60_000): Promise<Run> {
  return spawnCli(['serve'], { LOG_LEVEL: 'warn', ...env }, killAfterMs);
}

function spawnCli(args: string[], env: Record<string, string>, killAfterMs: number): Promise<Run> {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c) => (stdout += c));
  proc.stderr.on('data', (c) => (stderr += c));
  const timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, pid: proc.pid! });
    }),
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The one line a failed start prints on stderr. */
function failureLine(run: Run): string {
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

// How fast a failed start exits is a benchmark figure (`npm run bench -- --only start-up`), not an assertion.
describe('start-up that fails well (the built CLI, in its own process)', { timeout: 120_000 }, () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it("starting the sandbox twice in one folder on one port: the second exits 1 naming the port and the fix, and leaves the first's store alone", async () => {
    const dataDir = join(dir.path, 'twice');
    const first = await spawnService({ DATA_DIR: dataDir, PORT: '0' });
    try {
      const port = new URL(first.url).port;
      const second = await serve({ DATA_DIR: dataDir, PORT: port });
      expect(second.code).toBe(1);
      expect(failureLine(second)).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use .*set PORT to a free port`));
      expect(alive(second.pid)).toBe(false);
      // The first is untouched: the second failed before emptying the sandbox store they share.
      expect(existsSync(sandboxDataDir(dataDir))).toBe(true);
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      first.proc.kill('SIGTERM');
      await first.exited;
    }
  });

  it('a port in use in production mode: exit 1, the port named, the store closed', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const run = await serve({ ...PRODUCTION, DATA_DIR: join(dir.path, 'in-use'), PORT: String(port) });
      expect(run.code).toBe(1);
      expect(failureLine(run)).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('an unwritable DATA_DIR: exit 1, DATA_DIR named with the fix, in the sandbox and in production', async () => {
    const file = join(dir.path, 'a-file');
    writeFileSync(file, '');
    const dataDir = join(file, 'data');
    for (const env of [
      { DATA_DIR: dataDir, PORT: '0' },
      { ...PRODUCTION, DATA_DIR: dataDir },
    ]) {
      const run = await serve(env);
      expect(run.code).toBe(1);
      expect(failureLine(run)).toMatch(new RegExp(`DATA_DIR ${dataDir.replaceAll('/', '\\/')} cannot be written \\(ENOTDIR\\): point DATA_DIR at a folder`));
    }
  });

  it('an unreachable DATABASE_URL: exit 1, the host named and the password not', async () => {
    const run = await serve({ ...PRODUCTION, DATA_DIR: join(dir.path, 'db'), DATABASE_URL: 'postgres://centra:hunter2-secret@127.0.0.1:1/centra' });
    expect(run.code).toBe(1);
    const line = failureLine(run);
    expect(line).toContain('the PostgreSQL database 127.0.0.1:1/centra (DATABASE_URL) cannot be used (ECONNREFUSED): check DATABASE_URL');
    expect(run.stdout + run.stderr).not.toContain('hunter2');
  });

  it('a missing required setting: exit 1, one line naming it and the fix', async () => {
    const { CENTRA_API_TOKEN: _token, ...missing } = PRODUCTION;
    const run = await serve({ ...missing, DATA_DIR: join(dir.path, 'missing') });
    expect(run.code).toBe(1);
    expect(failureLine(run)).toMatch(/CENTRA_API_TOKEN must be set .*unset CENTRA_API_URL and OMETRIA_API_KEY to start the sandbox/);
  });

  it('production with an empty OMETRIA_STORE_MAP refuses to start, naming the map and OMETRIA_STORE_MAP_OPTIONAL', async () => {
    const { OMETRIA_STORE_MAP: _map, ...noMap } = PRODUCTION;
    const run = await serve({ ...noMap, DATA_DIR: join(dir.path, 'no-map') });
    expect(run.code).toBe(1);
    expect(failureLine(run)).toMatch(/OMETRIA_STORE_MAP is empty.*set OMETRIA_STORE_MAP_OPTIONAL=true to start without one/);
  });

  it('with OMETRIA_STORE_MAP_OPTIONAL=true it starts, and warns that the map and the catalogue are off', async () => {
    const { OMETRIA_STORE_MAP: _map, ...noMap } = PRODUCTION;
    const service = await spawnService({ ...noMap, OMETRIA_STORE_MAP_OPTIONAL: 'true', DATA_DIR: join(dir.path, 'optional-map') });
    try {
      const warnings = service.output
        .join('')
        .split('\n')
        .filter((l) => l.includes('"level":40'))
        .map((l) => JSON.parse(l).msg as string);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^CATALOGUE_STORES is not set: the product catalogue is off/),
          expect.stringMatching(/^OMETRIA_STORE_MAP is empty \(OMETRIA_STORE_MAP_OPTIONAL=true\)/),
        ]),
      );
    } finally {
      service.proc.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  });

  it('with a store map and CATALOGUE_STORES, production starts without those warnings', async () => {
    const service = await spawnService({
      ...PRODUCTION,
      DATA_DIR: join(dir.path, 'complete'),
      CATALOGUE_STORES: '[{"store":"example.com","marketId":1,"pricelistId":1,"baseUrl":"https://example.com/product"}]',
    });
    try {
      const output = service.output.join('');
      expect(output).toContain('centra-ometria is ready');
      expect(output).not.toContain('CATALOGUE_STORES is not set');
      expect(output).not.toContain('OMETRIA_STORE_MAP is empty');
    } finally {
      service.proc.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  });
});
