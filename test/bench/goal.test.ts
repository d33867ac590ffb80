import { describe, expect, it } from 'vitest';
import { atLeast, atMost, betterOf, exactly, goalMet, goalText, parseGoal, toGoal } from '../../bench/goal.js';
import { evaluate, row } from '../../bench/report.js';

describe('bench goals', () => {
  it('reads the goals the benches wrote as text', () => {
    expect(parseGoal('≥ 0.75')).toEqual({ op: '>=', value: 0.75 });
    expect(parseGoal('≤ 3584 (budget 5120)')).toEqual({ op: '<=', value: 3584, text: 'budget 5120' });
    expect(parseGoal('<= 50')).toEqual({ op: '<=', value: 50 });
    expect(parseGoal('100')).toEqual({ op: '=', value: 100 });
    expect(parseGoal('≥ 1,000 req/s')).toEqual({ op: '>=', value: 1000, text: 'req/s' });
    expect(parseGoal('CENTRA_BATCH_SIZE (50)')).toBeUndefined();
    expect(toGoal(atMost(5))).toEqual({ op: '<=', value: 5 });
    expect(toGoal(undefined)).toBeUndefined();
  });

  it('decides met at the boundary', () => {
    expect(goalMet(atLeast(0.75), 0.75)).toBe(true);
    expect(goalMet(atLeast(0.75), 0.749)).toBe(false);
    expect(goalMet(atMost(100), 100)).toBe(true);
    expect(goalMet(atMost(100), 100.5)).toBe(false);
    expect(goalMet(exactly(50), 50)).toBe(true);
    expect(goalMet(exactly(50), 49)).toBe(false);
  });

  it('prints a goal the way the table shows it', () => {
    expect(goalText(atLeast(0.9))).toBe('≥ 0.9');
    expect(goalText(atMost(3584, 'budget 5120'))).toBe('≤ 3584 (budget 5120)');
    expect(goalText(exactly(100))).toBe('= 100');
  });

  it('takes the better direction from the figure, then the goal, then the unit', () => {
    expect(betterOf({ unit: 'ms', better: 'higher' })).toBe('higher');
    expect(betterOf({ unit: 'ratio', goal: atMost(1) })).toBe('lower');
    expect(betterOf({ unit: 'ms', goal: atLeast(1) })).toBe('higher');
    expect(betterOf({ unit: 'req/s' })).toBe('higher');
    expect(betterOf({ unit: 'MiB' })).toBe('lower');
    expect(betterOf({ unit: 's', goal: exactly(3) })).toBe('lower');
    expect(betterOf({ unit: 'orders' })).toBeUndefined();
  });
});

describe('evaluate (report.ts)', () => {
  it('writes the typed goal and met, and marks the row', () => {
    const missed = evaluate({ name: 'ack latency p99', value: 11, unit: 'ms', goal: '≤ 5', how: 'autocannon' });
    expect(missed).toEqual({ name: 'ack latency p99', value: 11, unit: 'ms', how: 'autocannon', goal: { op: '<=', value: 5 }, met: false, better: 'lower' });
    expect(row(missed, 20)).toMatch(/^✗ ack latency p99 +11 ms {2}goal ≤ 5$/);
    const met = evaluate({ name: 'ratio', value: 0.8, unit: 'ratio', goal: atLeast(0.75), how: 'x' });
    expect(met.met).toBe(true);
    expect(row(met, 5)).toMatch(/^✓ /);
  });

  it('leaves met out when there is no machine-checkable goal', () => {
    const f = evaluate({ name: 'orders per request', value: 50, unit: 'orders', goal: 'CENTRA_BATCH_SIZE', how: 'x' });
    expect(f).not.toHaveProperty('met');
    expect(f).not.toHaveProperty('goal');
    expect(f).not.toHaveProperty('better');
    expect(row(f, 5)).toMatch(/^ {2}orders/);
  });
});
