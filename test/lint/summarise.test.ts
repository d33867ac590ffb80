import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** .ci/summarise.mjs, run as CI runs it, on reports written to a temp dir. */
const script = resolve(import.meta.dirname, '../../.ci/summarise.mjs');
const dir = mkdtempSync(join(tmpdir(), 'summarise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(name: string, counts: { passed: number; failed?: number; pending?: number }): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({ numPassedTests: counts.passed, numFailedTests: counts.failed ?? 0, numPendingTests: counts.pending ?? 0, numTodoTests: 0 }),
  );
  return file;
}

function summarise(...files: string[]) {
  const run = spawnSync(process.execPath, [script, ...files], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

describe('.ci/summarise.mjs', () => {
  it('adds up the reports into the closing line and exits 0 when all ran and passed', () => {
    const result = summarise(report('a.json', { passed: 3, pending: 1 }), report('b.json', { passed: 2 }));
    expect(result).toEqual({ code: 0, stdout: '5 passed, 0 failed, 1 skipped', stderr: '' });
  });

  it('exits 1 when a test failed', () => {
    const result = summarise(report('c.json', { passed: 3, failed: 1 }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('3 passed, 1 failed, 0 skipped');
  });

  it('exits 1 naming the report that is missing', () => {
    const missing = join(dir, 'never-written.json');
    const result = summarise(report('d.json', { passed: 4 }), missing);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${missing}: no report`);
    expect(result.stdout).toBe('4 passed, 0 failed, 0 skipped');
  });

  it('exits 1 naming the report whose suite ran no test, even when the others passed', () => {
    const empty = report('e.json', { passed: 0, pending: 2 });
    const result = summarise(report('f.json', { passed: 4 }), empty);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${empty}: its suite ran no test`);
  });

  it('exits 1 naming a report that is not JSON', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"numPassedTests": 1');
    const result = summarise(report('g.json', { passed: 1 }), broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${broken}: not a vitest JSON report`);
  });
});
