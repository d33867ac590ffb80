import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../sandbox/centra-simulator/index.js';

describe('Centra simulator: an outage for a while (the sandbox switch)', () => {
  it('fails every request with 503 until the outage ends, ahead of queued faults, then serves the queue', () => {
    let clock = 1_000_000;
    const faults = new FaultInjector(() => clock);
    faults.rateLimitNext(1);
    faults.downFor(30_000);
    expect(faults.downUntil()).toBe(1_030_000);
    expect(faults.takeFault()).toMatchObject({ kind: 'fail', status: 503 });
    expect(faults.takeFault()).toMatchObject({ kind: 'fail', status: 503 });
    clock += 30_000;
    expect(faults.downUntil()).toBe(0);
    expect(faults.takeFault()).toMatchObject({ kind: 'rateLimit' });
    expect(faults.takeFault()).toBeUndefined();
    faults.downFor(10_000);
    faults.reset();
    expect(faults.takeFault()).toBeUndefined();
  });
});
