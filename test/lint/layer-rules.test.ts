import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The project's .dependency-cruiser.cjs, run by the real depcruise CLI over tiny trees laid out like the repository:
 * a clean one passes, and each planted back-edge is reported by the rule that forbids it.
 */
const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CLEAN: Record<string, string> = {
  'shared/ids/index.ts': 'export const productKey = (sku: string): string => `p-${sku}`;\n',
  'shared/tracker-event-types.ts': "export type TrackerEventType = 'page';\n",
  'shared/schemas/event.ts': "import { z } from 'zod';\nexport const Event = z.object({ type: z.string() });\n",
  'server/store/ledger.ts':
    "import { readFileSync } from 'node:fs';\nimport { productKey } from '../../shared/ids/index.js';\nexport const ledger = () => [readFileSync, productKey];\n",
  'server/worker/worker.ts': 'export type Job = { run(): Promise<void> };\nexport const jobs: Job[] = [];\n',
  'server/jobs/order-job.ts':
    "import { ledger } from '../store/ledger.js';\nimport { jobs } from '../worker/worker.js';\njobs.push({ run: async () => void ledger() });\n",
  'server/mapping/map-order.ts':
    "import { productKey } from '../../shared/ids/index.js';\nimport { Event } from '../../shared/schemas/event.js';\nexport const mapOrder = (sku: string) => [productKey(sku), Event];\n",
  'server/intake/accept.ts': 'export const accept = (body: string): number => body.length;\n',
  'server/http/routes.ts': "import { accept } from '../intake/accept.js';\nexport const routes = [accept];\n",
  'server/metrics/registry.ts': "import { Registry } from 'prom-client';\nexport const registry = new Registry();\n",
  'server/main.ts': "import { routes } from './http/routes.js';\nimport './jobs/order-job.js';\nexport const main = () => routes;\n",
  'tracker/core.ts':
    "import { productKey } from '../shared/ids/index.js';\nimport type { TrackerEventType } from '../shared/tracker-event-types.js';\nexport const t: TrackerEventType = 'page';\nexport const k = productKey('a');\n",
  'sandbox/simulator.ts': "import { ledger } from '../server/store/ledger.js';\nexport const simulator = () => ledger();\n",
  // Tells dependency-cruiser which packages are dev-only (runtime-not-to-dev-dependencies).
  'package.json': JSON.stringify({ dependencies: { zod: '*' }, devDependencies: { vitest: '*' } }),
};

/** One back-edge per rule, each added to the clean tree as an extra line of an existing module. */
const PLANTED: Record<string, string> = {
  'server/store/ledger.ts': "import '../jobs/order-job.js';\n",
  'tracker/core.ts': "import { z } from 'zod';\nimport { Event } from '../shared/schemas/event.js';\nexport const both = [z, Event];\n",
  'server/main.ts': "import { simulator } from '../sandbox/simulator.js';\nexport const sim = simulator;\n",
  'server/mapping/map-order.ts':
    "import { writeFileSync } from 'node:fs';\nimport { ledger } from '../store/ledger.js';\nexport const io = [writeFileSync, ledger];\n",
  'server/intake/accept.ts': "import type { routes } from '../http/routes.js';\nexport type Routes = typeof routes;\n",
  'server/worker/worker.ts': "import type {} from '../jobs/order-job.js';\n",
  'server/http/routes.ts': "import { Counter } from 'prom-client';\nexport const counter = Counter;\n",
  'sandbox/simulator.ts': "import { describe } from 'vitest';\nexport const suite = describe;\n",
};

type Violation = { rule: string; from: string; to: string; cycle: string[] };

function cruise(files: Record<string, string>): { exitCode: number; errors: number; violations: Violation[] } {
  const dir = mkdtempSync(join(tmpdir(), 'layer-rules-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // zod resolves from the project's packages, as it does in the repository.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  const args = [depcruise, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', 'server', 'shared', 'tracker', 'sandbox'];
  let stdout: string;
  let exitCode = 0;
  try {
    stdout = execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    exitCode = failed.status;
    stdout = failed.stdout;
  }
  type Reported = { rule: { name: string }; from: string; to: string; cycle?: Array<{ name: string }> };
  const report = JSON.parse(stdout) as { summary: { error: number; violations: Reported[] } };
  const violations = report.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
    cycle: [v.from, ...(v.cycle ?? []).map((c) => c.name)],
  }));
  return { exitCode, errors: report.summary.error, violations };
}

const withPlanted = Object.fromEntries(Object.entries(CLEAN).map(([path, text]) => [path, text + (PLANTED[path] ?? '')]));

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('pass a tree that keeps every layer', () => {
    expect(cruise(CLEAN)).toEqual({ exitCode: 0, errors: 0, violations: [] });
  }, 60_000);

  describe('on a tree with a planted back-edge for each rule', () => {
    const result = cruise(withPlanted);
    const reported = (rule: string, from: string, to: string) => result.violations.some((v) => v.rule === rule && v.from === from && v.to === to);

    // The json reporter exits 0; the lint script's default reporter exits with the error count.
    it('fail the lint run', () => expect(result.errors).toBeGreaterThan(0));
    it('server/store/ importing server/jobs/', () =>
      expect(reported('store-imports-nothing-above', 'server/store/ledger.ts', 'server/jobs/order-job.ts')).toBe(true));
    it('a cycle, type-only edges included', () => {
      const cycles = result.violations.filter((v) => v.rule === 'no-circular').map((v) => v.cycle);
      const found = (a: string, b: string) => cycles.some((c) => c.includes(a) && c.includes(b));
      expect(found('server/store/ledger.ts', 'server/jobs/order-job.ts')).toBe(true);
      // Only type imports close these two.
      expect(found('server/intake/accept.ts', 'server/http/routes.ts')).toBe(true);
      expect(found('server/worker/worker.ts', 'server/jobs/order-job.ts')).toBe(true);
    });
    it('tracker/ importing zod', () =>
      expect(result.violations.some((v) => v.rule === 'tracker-only-zod-free-shared' && v.from === 'tracker/core.ts' && /zod/.test(v.to))).toBe(true));
    it('tracker/ importing shared/schemas/', () => expect(reported('tracker-only-zod-free-shared', 'tracker/core.ts', 'shared/schemas/event.ts')).toBe(true));
    it('server/ importing sandbox/', () => expect(reported('server-not-to-sandbox', 'server/main.ts', 'sandbox/simulator.ts')).toBe(true));
    it('server/mapping/ importing node:fs', () => expect(reported('mapping-does-no-io', 'server/mapping/map-order.ts', 'fs')).toBe(true));
    it('server/mapping/ importing server/store/', () =>
      expect(reported('mapping-does-no-io', 'server/mapping/map-order.ts', 'server/store/ledger.ts')).toBe(true));
    it('server/intake/ importing server/http/, type-only', () =>
      expect(reported('intake-not-to-http', 'server/intake/accept.ts', 'server/http/routes.ts')).toBe(true));
    it('sandbox/ importing a dev dependency (vitest)', () =>
      expect(result.violations.some((v) => v.rule === 'runtime-not-to-dev-dependencies' && v.from === 'sandbox/simulator.ts' && /vitest/.test(v.to))).toBe(
        true,
      ));
    it('server/worker/ importing server/jobs/, type-only', () =>
      expect(reported('worker-not-to-jobs', 'server/worker/worker.ts', 'server/jobs/order-job.ts')).toBe(true));
    it('server/http/ importing prom-client', () =>
      expect(result.violations.some((v) => v.rule === 'prom-client-only-in-metrics' && v.from === 'server/http/routes.ts' && /prom-client/.test(v.to))).toBe(
        true,
      ));
    it('nothing else', () => {
      const expected = [
        'store-imports-nothing-above',
        'no-circular',
        'tracker-only-zod-free-shared',
        'server-not-to-sandbox',
        'mapping-does-no-io',
        'intake-not-to-http',
        'worker-not-to-jobs',
        'prom-client-only-in-metrics',
        'runtime-not-to-dev-dependencies',
      ];
      expect(result.violations.filter((v) => !expected.includes(v.rule))).toEqual([]);
    });
  });
});
