import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/bench-args.js';

describe('parseBenchArgs', () => {
  it('runs every part by default', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, failOnRegression: false });
  });

  it('takes several part names for --only, or BENCH_ONLY', () => {
    expect(parseBenchArgs(['--only', 'intake,replicas', '--quick']).only).toEqual(['intake', 'replicas']);
    expect(parseBenchArgs(['--only=intake, tracker,']).only).toEqual(['intake', 'tracker']);
    expect(parseBenchArgs([], 'status').only).toEqual(['status']);
    expect(parseBenchArgs(['--only', 'tracker'], 'status').only).toEqual(['tracker']);
    expect(parseBenchArgs([], '').only).toBeUndefined();
  });

  it('reads --compare and --fail-on-regression', () => {
    expect(parseBenchArgs(['--compare', 'bench/results/latest.json', '--fail-on-regression'])).toEqual({
      quick: false,
      compare: 'bench/results/latest.json',
      failOnRegression: true,
    });
  });

  it('reads --trace, the directory for the remote-latency traces', () => {
    expect(parseBenchArgs(['--only', 'remote-latency', '--trace', '/tmp/traces']).trace).toBe('/tmp/traces');
    expect(parseBenchArgs(['--trace=/tmp/t']).trace).toBe('/tmp/t');
    expect(parseBenchArgs([]).trace).toBeUndefined();
  });

  it('refuses an option without its value, saying what to pass', () => {
    expect(() => parseBenchArgs(['--compare'])).toThrow(/--compare needs a value \(e\.g\. --compare bench\/results\/latest\.json\)/);
    expect(() => parseBenchArgs(['--only', '--quick'])).toThrow(/--only needs a value/);
  });
});
