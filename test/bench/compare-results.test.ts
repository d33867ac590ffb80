import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFigures, comparisonLines } from '../../bench/compare-results.js';
import { atLeast, atMost } from '../../bench/goal.js';
import { readResults } from '../../bench/results-file.js';

const previous = [
  { name: 'intake ratio', value: 0.8, unit: 'ratio', goal: '≥ 0.75' },
  { name: 'intake req/s', value: 1000, unit: 'req/s' },
  { name: 'ack p99', value: 10, unit: 'ms' },
  { name: 'peak RSS', value: 160, unit: 'MiB' },
  { name: 'orders delivered', value: 2000, unit: 'orders' },
  { name: 'dropped later', value: 1, unit: 'ms' },
];

describe('compareFigures', () => {
  const c = compareFigures(previous, [
    { name: 'intake ratio', value: 0.7, unit: 'ratio', goal: atLeast(0.75) }, // −12.5 %, higher is better
    { name: 'intake req/s', value: 920, unit: 'req/s' }, // −8 %: within 10 %
    { name: 'ack p99', value: 12, unit: 'ms' }, // +20 %, lower is better
    { name: 'peak RSS', value: 120, unit: 'MiB' }, // −25 %: an improvement
    { name: 'orders delivered', value: 1000, unit: 'orders' }, // no direction: never flagged
    { name: 'brand new', value: 3, unit: 'ms', goal: atMost(5) },
  ]);
  const by = (name: string) => c.changes.find((x) => x.name == name)!;

  it('flags a change over 10 % in the bad direction only', () => {
    expect(by('intake ratio')).toMatchObject({ old: 0.8, new: 0.7, better: 'higher', regression: true });
    expect(by('intake ratio').change).toBeCloseTo(-0.125);
    expect(by('intake req/s').regression).toBe(false);
    expect(by('ack p99')).toMatchObject({ better: 'lower', regression: true });
    expect(by('peak RSS')).toMatchObject({ better: 'lower', regression: false });
    expect(by('orders delivered')).toMatchObject({ better: undefined, regression: false });
    expect(c.changes.filter((x) => x.regression).map((x) => x.name)).toEqual(['intake ratio', 'ack p99']);
  });

  it('lists figures in only one of the runs', () => {
    expect(c.added).toEqual(['brand new']);
    expect(c.missing).toEqual(['dropped later']);
  });

  it('treats a rise from zero in a lower-is-better figure as a regression', () => {
    const [z] = compareFigures([{ name: 'p50', value: 0, unit: 'ms' }], [{ name: 'p50', value: 2, unit: 'ms' }]).changes;
    expect(z).toMatchObject({ change: Infinity, regression: true });
    const [same] = compareFigures([{ name: 'p50', value: 0, unit: 'ms' }], [{ name: 'p50', value: 0, unit: 'ms' }]).changes;
    expect(same).toMatchObject({ change: 0, regression: false });
  });

  it('prints old → new, the change and the count of regressions', () => {
    const text = comparisonLines(c, 'latest.json').join('\n');
    expect(text).toMatch(/✗ ack p99 +10 → 12 +ms +\+20\.0 % {2}regression \(lower is better\)/);
    expect(text).toMatch(/ {2}peak RSS +160 → 120 +MiB +-25\.0 %\n/);
    expect(text).toContain('2 regressions over 10 %');
    expect(text).toContain('not in this run: dropped later');
  });

  it('counts the missing figures of a partial run instead of listing them all', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: 1, unit: 'ms' }));
    const text = comparisonLines(compareFigures(many, [many[0]!]), 'latest.json').join('\n');
    expect(text).toContain('not in this run: 4 figures (parts not run, or renamed), e.g. f1; f2; f3\n');
    expect(text).toContain('0 regressions over 10 %');
  });
});

describe('readResults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file from before typed goals, and one with them', () => {
    const file = join(dir, 'old.json');
    writeFileSync(
      file,
      JSON.stringify({ measuredAt: '2026-11-28T16:25:47.938Z', machine: { cores: 2 }, figures: [{ name: 'a', value: 1, unit: 'ms', goal: '≤ 5', how: 'x' }] }),
    );
    expect(readResults(file).figures[0]!.goal).toBe('≤ 5');
    writeFileSync(file, JSON.stringify({ measuredAt: 'x', figures: [{ name: 'a', value: 1, unit: 'ms', goal: { op: '<=', value: 5 }, met: true }] }));
    expect(readResults(file).figures[0]).toMatchObject({ goal: { op: '<=', value: 5 }, met: true });
  });

  it('names the file and what to do when it is missing or not a results file', () => {
    expect(() => readResults(join(dir, 'nope.json'))).toThrow(/nope\.json does not exist; pass a results file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ figures: [{ name: 'a' }] }));
    expect(() => readResults(bad)).toThrow(/bad\.json is not a bench results file/);
    writeFileSync(bad, '{');
    expect(() => readResults(bad)).toThrow(/bad\.json is not JSON/);
  });
});
