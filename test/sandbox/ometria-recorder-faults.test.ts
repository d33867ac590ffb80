import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startOmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { sampleOrder } from '../../sandbox/ometria-recorder/sample-records.js';

const recorder = await startOmetriaRecorder({ ratePerSecond: 0 });
afterAll(() => recorder.close());
beforeEach(() => recorder.reset());

const headers = () => ({ 'content-type': 'application/json', 'x-ometria-auth': recorder.apiKey });
async function push(records: unknown[]) {
  const res = await fetch(`${recorder.baseUrl}/push`, { method: 'POST', headers: headers(), body: JSON.stringify(records) });
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

describe('Ometria recorder: fault injection', () => {
  it('rate-limits every push for a while with Retry-After (the sandbox switch), then accepts again', async () => {
    recorder.faults.throttleUntil(Date.now() + 30_000);
    const limited = await push([sampleOrder()]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(25);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    recorder.faults.throttleUntil(Date.now() - 1);
    expect((await push([sampleOrder()])).status).toBe(202);
  });

  it('answers queued responses to the next pushes in order, then behaves normally', async () => {
    recorder.faults.queue({ status: 429 }, { status: 500, headers: { 'retry-after': '2' } });
    const first = await push([sampleOrder()]);
    const second = await push([sampleOrder()]);
    const third = await push([sampleOrder()]);
    expect([first.status, second.status, third.status]).toEqual([429, 500, 202]);
    expect(first.headers.get('retry-after')).toBeNull();
    expect(second.headers.get('retry-after')).toBe('2');
    expect(recorder.store.versions('order', sampleOrder().id)).toBe(1);
    expect(recorder.pushes.list().map((e) => [e.status, e.ids])).toEqual([
      [429, ['100023']],
      [500, ['100023']],
      [202, ['100023']],
    ]);
  });

  it('delays a queued response by its delayMs', async () => {
    recorder.faults.queue({ status: 503, delayMs: 150 });
    const started = Date.now();
    expect((await push([sampleOrder()])).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 400 naming the id for any batch holding a rejected id, so a client can isolate it', async () => {
    recorder.faults.rejectIds('order', ['13']);
    const whole = await push([sampleOrder({ id: '12' }), sampleOrder({ id: '13' })]);
    expect(whole).toMatchObject({ status: 400, body: { status: 'ERROR', message: expect.stringContaining('13') } });
    expect(recorder.store.get('order', '12')).toBeUndefined();
    expect((await push([sampleOrder({ id: '12' })])).status).toBe(202);
  });

  it('accepts invalidAsync records with 202 but lists them in /push/_errors instead of storing them', async () => {
    recorder.faults.invalidAsync('order', ['21'], { error_message: 'not a valid value', error_path: 'root > status' });
    const res = await push([sampleOrder({ id: '20' }), sampleOrder({ id: '21' })]);
    expect(res).toMatchObject({ status: 202, body: { accepted: 2, rejected: 0 } });
    expect(recorder.store.get('order', '21')).toBeUndefined();
    const errors = await (await fetch(`${recorder.baseUrl}/push/_errors`, { headers: headers() })).json();
    expect(errors).toEqual([{ error_message: 'not a valid value', error_path: 'root > status' }]);
  });

  it('answers 503 to every request while down, and recovers', async () => {
    recorder.faults.down(true);
    expect((await push([sampleOrder()])).status).toBe(503);
    expect((await fetch(`${recorder.baseUrl}/orders/1`, { headers: headers() })).status).toBe(503);
    recorder.faults.down(false);
    expect((await push([sampleOrder()])).status).toBe(202);
  });

  it('destroys the socket while down in reset mode, logging status 0', async () => {
    recorder.faults.down(true, 'reset');
    await expect(push([sampleOrder()])).rejects.toThrow();
    expect(recorder.pushes.list()[0]?.status).toBe(0);
    expect(recorder.store.all('order')).toEqual([]);
  });

  it('adds the configured latency to every answer', async () => {
    recorder.faults.latencyMs(120);
    const started = Date.now();
    await push([sampleOrder()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('forgets every fault on reset', async () => {
    recorder.faults.queue({ status: 500 });
    recorder.faults.rejectIds('order', ['100023']);
    recorder.faults.down(true);
    recorder.faults.reset();
    expect((await push([sampleOrder()])).status).toBe(202);
  });
});
