import { afterEach, describe, expect, it } from 'vitest';
import { encodeWebhookBody, signCentraWebhook } from '../../sandbox/centra-simulator/index.js';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { startStack, WEBHOOK_SECRET, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const body = (id: number) => encodeWebhookBody({ events: [{ type: 'order', action: 'update', date: '2024-06-03 16:00:00.123456', id }] });

async function post(s: Stack, raw: string, signature: string | undefined) {
  const res = await fetch(s.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-centra-signature': signature } : {}) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as { error?: string; delivery?: number; replayed?: boolean } };
}

async function metric(s: Stack, name: string): Promise<string[]> {
  const text = await (await fetch(`${s.service.url}/metrics`, { headers: s.admin })).text();
  return text.split('\n').filter((l) => l.startsWith(name));
}

describe('replay and timestamp bounds (issue 15, item 6)', () => {
  it('a replayed signed delivery is acknowledged 200 again and stored once; the same body signed anew is a new delivery', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    const raw = body(31);
    const signature = signCentraWebhook(raw, WEBHOOK_SECRET, nowSeconds());
    const first = await post(stack, raw, signature);
    // Replays one after the other, and three at once (one group commit).
    const again = [await post(stack, raw, signature), ...(await Promise.all([1, 2, 3].map(() => post(stack!, raw, signature))))];
    expect(first.status).toBe(200);
    expect(first.body.replayed).toBeUndefined();
    for (const r of again) expect(r).toMatchObject({ status: 200, body: { delivery: first.body.delivery, replayed: true } });
    expect(await stack.service.store.deliveries.count()).toBe(1);
    expect(await stack.service.store.jobs.countsByState()).toEqual([{ kind: 'order', state: 'pending', n: 1 }]);

    const resigned = await post(stack, raw, signCentraWebhook(raw, WEBHOOK_SECRET, nowSeconds() - 30));
    expect(resigned.status).toBe(200);
    expect(resigned.body.replayed).toBeUndefined();
    expect(await stack.service.store.deliveries.count()).toBe(2);
  });

  it('a timestamp further in the future than the tolerance is refused 401 with a message naming the clock', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    const raw = body(32);
    const reply = await post(stack, raw, signCentraWebhook(raw, WEBHOOK_SECRET, nowSeconds() + 3600));
    expect(reply.status).toBe(401);
    expect(reply.body.error).toMatch(/signature timestamp in the future: t=\d+ is 3600 s ahead .*tolerance 900 s.*clocks/);
    expect(await stack.service.store.deliveries.count()).toBe(0);
  });
});

describe('refused signatures are counted and alert (issue 15, item 4)', () => {
  it('more than SIGNATURE_FAILURE_ALERT refusals in 10 minutes raise one alert; /metrics counts them by reason; a good delivery inside the window leaves it open', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false', SIGNATURE_FAILURE_ALERT: '5' } });
    const raw = body(33);
    const alerts = async () => (await stack!.service.store.alerts.recent(50)).filter((a) => a.kind === 'webhook_signature_failures');
    for (let i = 0; i < 5; i++) expect((await post(stack, raw, signCentraWebhook(raw, 'an-old-secret', nowSeconds()))).status).toBe(401);
    expect(await alerts()).toEqual([]);
    expect((await post(stack, raw, undefined)).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await post(stack, raw, signCentraWebhook(raw, WEBHOOK_SECRET, nowSeconds() - 7200))).status).toBe(401);
    const open = await alerts();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ state: 'open', team: 'operations' });
    expect(open[0]!.message).toMatch(/^6 webhook deliveries in the last 10 minutes were refused for their signature/);
    expect(open[0]!.cause).toMatch(/Wrong CENTRA_WEBHOOK_SECRET.*clock skew/);
    expect(await metric(stack, 'centra_ometria_webhook_signature_failures_total')).toEqual(
      expect.arrayContaining([
        'centra_ometria_webhook_signature_failures_total{tenant="default",reason="mismatch"} 5',
        'centra_ometria_webhook_signature_failures_total{tenant="default",reason="missing"} 1',
        'centra_ometria_webhook_signature_failures_total{tenant="default",reason="stale"} 3',
        'centra_ometria_webhook_signature_failures_total{tenant="default",reason="future"} 0',
      ]),
    );
    expect(await stack.service.store.deliveries.count()).toBe(0);

    // Still over the threshold within the window: a good delivery is stored, the alert stays open.
    expect((await post(stack, raw, signCentraWebhook(raw, WEBHOOK_SECRET, nowSeconds()))).status).toBe(200);
    expect((await alerts())[0]!.state).toBe('open');
  });

  it('a good delivery resolves the alert once the window is back under the threshold', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false', SIGNATURE_FAILURE_ALERT: '0' } });
    stack.centra.data.orders.add(makeSimOrder({ number: 34 }));
    const raw = body(34);
    expect((await post(stack, raw, signCentraWebhook(raw, 'wrong', nowSeconds()))).status).toBe(401);
    const { store } = stack.service;
    await waitFor(async () => (await store.alerts.listOpen()).some((a) => a.kind === 'webhook_signature_failures'), 'the alert');
    // Threshold 0: any refusal in the window keeps it open; restart with a higher threshold to let it clear.
    await stack.restart({ SIGNATURE_FAILURE_ALERT: '5' });
    expect((await post(stack, raw, signCentraWebhook(raw, WEBHOOK_SECRET, nowSeconds()))).status).toBe(200);
    const after = (await stack.service.store.alerts.recent(50)).filter((a) => a.kind === 'webhook_signature_failures');
    expect(after.map((a) => a.state)).toEqual(['resolved']);
  });
});

describe('Retry-After is capped (issue 15, item 6)', () => {
  it('Centra answering 429 with Retry-After: 999999999 parks the job and pauses the limiter for at most the cap', async () => {
    // A small cap keeps the test short: whichever Centra call meets a 429 first (start-up's schema check, the quota
    // read or the order fetch), the limiter pauses for the cap, not until 2058 (which overflowed its timer: no limit).
    stack = await startStack({ env: { REMOTE_MAX_RETRY_AFTER_SECONDS: '2' } });
    stack.centra.data.orders.add(makeSimOrder({ number: 35 }));
    const { store } = stack.service;
    stack.centra.faults.rateLimitNext(3, '999999999');
    expect((await stack.send([{ type: 'order', id: 35 }])).status).toBe(200);
    const job = await waitFor(
      async () => {
        const j = await store.jobs.find('order', '35');
        return j?.last_error?.includes('429') ? j : undefined;
      },
      'order 35 rate-limited',
      20_000,
    );
    expect(job!.run_at).toBeLessThanOrEqual(Date.now() + 2_000);
    expect(await store.rateSlots.pausedUntil('centra')).toBeLessThanOrEqual(Date.now() + 2_000);
    await waitFor(async () => (await store.jobs.find('order', '35'))?.state === 'done', 'order 35 delivered after the capped waits', 30_000);
    expect(stack.centra.requests.list().filter((r) => r.status === 429)).toHaveLength(3);
  }, 60_000);

  it('Ometria answering 429 with Retry-After: 999999999 waits at most the cap', async () => {
    stack = await startStack({ env: { REMOTE_MAX_RETRY_AFTER_SECONDS: '60' } });
    stack.centra.data.orders.add(makeSimOrder({ number: 36 }));
    stack.ometria.faults.queue({ status: 429, headers: { 'retry-after': '999999999' } });
    const { store } = stack.service;
    expect((await stack.send([{ type: 'order', id: 36 }])).status).toBe(200);
    const job = await waitFor(async () => {
      const j = await store.jobs.find('order', '36');
      return j?.last_error?.includes('429') ? j : undefined;
    }, 'order 36 rate-limited by Ometria');
    expect(job!.run_at).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await store.rateSlots.pausedUntil('ometria-push')).toBeLessThanOrEqual(Date.now() + 60_000);
  });
});
