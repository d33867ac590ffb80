import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.js';
import { runCliProcess } from '../helpers/child-service.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('cli-conventions-');
afterAll(() => dir.remove());
/** Production settings for commands that refuse the sandbox; nothing listens at these URLs, none is called. */
const production = {
  CENTRA_API_URL: 'http://127.0.0.1:9/graphql',
  CENTRA_API_TOKEN: 't',
  CENTRA_WEBHOOK_SECRET: 's',
  OMETRIA_API_KEY: 'k',
  OMETRIA_API_URL: 'http://127.0.0.1:9/v2',
};

describe('CLI exit codes and output (docs/cli.md)', () => {
  it('exits 2 for an unknown command, an unknown option or a bad value, and says which', async () => {
    const unknown = await runCliProcess(['frobnicate'], {}, dir.path);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const option = await runCliProcess(['status', '--frob'], {}, dir.path);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--frob'");
    const value = await runCliProcess(['reconcile', '--days', 'x'], {}, dir.path);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('--days must be a whole number');
  });

  it('replay of an unknown dead letter id exits 1 with a message naming it', async () => {
    const run = await runCliProcess(['replay', '4711'], { ...production, DATA_DIR: join(dir.path, 'replay') }, dir.path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dead letter 4711: not found or already replayed');
  });

  it('prints a table by default and JSON with --json; the sandbox store under DATA_DIR/sandbox is the one read', async () => {
    const dataDir = join(dir.path, 'status');
    const store = await openStore({ dataDir: join(dataDir, 'sandbox'), synchronous: 'NORMAL' });
    await store.jobs.enqueue('order', '42', Date.now());
    await store.close();
    const human = await runCliProcess(['status'], { DATA_DIR: dataDir }, dir.path);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/KIND\s+STATES\norder\s+pending 1/);
    const json = await runCliProcess(['status', '--json'], { DATA_DIR: dataDir }, dir.path);
    expect(JSON.parse(json.stdout)).toMatchObject({ backlog: { order: { pending: 1 } } });
    // With credentials the service is not the sandbox: its store is DATA_DIR itself, empty here.
    const prod = await runCliProcess(['status', '--json'], { ...production, DATA_DIR: dataDir }, dir.path);
    expect(JSON.parse(prod.stdout)).toMatchObject({ backlog: {} });
  });

  it('reads a .env in the working directory beneath the environment', async () => {
    const cwd = join(dir.path, 'dotenv');
    const dataDir = join(cwd, 'from-file');
    mkdirSync(cwd);
    writeFileSync(join(cwd, '.env'), `# a comment\nDATA_DIR=${dataDir}\nPORT=not-a-port\n`);
    const fromFile = await runCliProcess(['status'], {}, cwd);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain('PORT');
    const overridden = await runCliProcess(['status', '--json'], { PORT: '8080' }, cwd);
    expect(overridden.code).toBe(0);
    expect(existsSync(join(dataDir, 'centra-ometria.sqlite')), 'the store at the DATA_DIR of the file').toBe(true);
  });
});
