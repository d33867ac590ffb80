import { describe, expect, it } from 'vitest';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

describe('job store', () => {
  it('when ten deliveries name one pending order, then one job exists', () => {
    for (let i = 0; i < 10; i++) temp.store.jobs.enqueue('order', '14', 1_000 + i);
    expect(temp.store.jobs.countsByState()).toEqual([{ kind: 'order', state: 'pending', n: 1 }]);
  });

  it('when a delivery arrives while its job runs, then the job runs again after it finishes', () => {
    temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = temp.store.jobs.claimDue('order', 10, 1_000);
    temp.store.jobs.enqueue('order', '14', 1_001);
    temp.store.jobs.complete(job!.id, 1_002);
    expect(temp.store.jobs.find('order', '14')).toMatchObject({ state: 'pending', dirty: 0 });
    const [again] = temp.store.jobs.claimDue('order', 10, 1_002);
    temp.store.jobs.complete(again!.id, 1_003);
    expect(temp.store.jobs.find('order', '14')).toMatchObject({ state: 'done' });
  });

  it('keeps a retried job until its run_at, with attempts and the last error visible', () => {
    temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = temp.store.jobs.claimDue('order', 10, 1_000);
    temp.store.jobs.retryLater(job!.id, 5_000, 'Ometria answered 503', 1_000);
    expect(temp.store.jobs.claimDue('order', 10, 4_999)).toEqual([]);
    expect(temp.store.jobs.find('order', '14')).toMatchObject({ attempts: 1, last_error: 'Ometria answered 503' });
    expect(temp.store.jobs.claimDue('order', 10, 5_000)).toHaveLength(1);
  });

  it('survives a restart: a claimed job of a dead process is released on start-up', () => {
    temp.store.jobs.enqueue('order', '14', 1_000);
    temp.store.jobs.claimDue('order', 10, 1_000);
    temp.reopen();
    expect(temp.store.jobs.releaseAllClaims(2_000)).toBe(1);
    expect(temp.store.jobs.claimDue('order', 10, 2_000)).toHaveLength(1);
  });

  it('unblocks jobs waiting on a contact once the contact is delivered', () => {
    temp.store.jobs.enqueue('order', '14', 1_000);
    const [job] = temp.store.jobs.claimDue('order', 10, 1_000);
    temp.store.jobs.block(job!.id, 'contact:c4', 'waiting for contact c4', 1_000);
    expect(temp.store.jobs.claimDue('order', 10, 9_000)).toEqual([]);
    expect(temp.store.jobs.unblock('contact:c4', 9_000)).toBe(1);
    expect(temp.store.jobs.claimDue('order', 10, 9_000)).toHaveLength(1);
  });

  it('claims at most the batch size, oldest first', () => {
    for (let n = 1; n <= 5; n++) temp.store.jobs.enqueue('order', String(n), n);
    expect(temp.store.jobs.claimDue('order', 3, 10).map((j) => j.entity_key)).toEqual(['1', '2', '3']);
  });
});

describe('contact keys (decisions.md 1)', () => {
  it('gives a guest and a registered customer with one email the key of the first seen', () => {
    expect(temp.store.contactKeys.resolve(7, 'Anna@Example.com ', 1)).toBe('c7');
    expect(temp.store.contactKeys.resolve(9, 'anna@example.com', 2)).toBe('c7');
  });

  it('keeps a customer\'s key when the email changes', () => {
    temp.store.contactKeys.resolve(7, 'old@example.com', 1);
    expect(temp.store.contactKeys.resolve(7, 'new@example.com', 2)).toBe('c7');
    expect(temp.store.contactKeys.resolve(8, 'new@example.com', 3)).toBe('c7');
  });

  it('never puts the email in the key', () => {
    expect(temp.store.contactKeys.resolve(12, 'x@example.com', 1)).not.toContain('@');
  });
});
