import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWebhookBody, sendCentraWebhook, signCentraWebhook } from '../../sandbox/centra-simulator/index.js';
import { startStack, WEBHOOK_SECRET, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { WORKER_ENABLED: 'false', WEBHOOK_MAX_BODY_BYTES: '2048' } });
});
afterAll(async () => {
  await stack.close();
});

const now = () => Math.floor(Date.now() / 1000);
const orderBody = encodeWebhookBody({ events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.123456', id: 14 }] });

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(stack.webhookUrl, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

const signed = (body: string, t = now()) => ({
  'content-type': 'application/x-www-form-urlencoded',
  'x-centra-signature': signCentraWebhook(body, WEBHOOK_SECRET, t),
});

describe('webhook intake rejects bad deliveries with a specific status and stores nothing', () => {
  it.each([
    ['a wrong content type', () => post(orderBody, { ...signed(orderBody), 'content-type': 'application/json' }), 415, /Content-Type/],
    [
      'an oversized body',
      () => {
        const big = `payload=${'x'.repeat(4096)}`;
        return post(big, signed(big));
      },
      413,
      /larger than the limit of 2048 bytes/,
    ],
    ['a missing signature', () => post(orderBody, { 'content-type': 'application/x-www-form-urlencoded' }), 401, /missing X-Centra-Signature/],
    [
      'a bad signature',
      () => post(orderBody, { ...signed(orderBody), 'x-centra-signature': signCentraWebhook(orderBody, 'wrong-secret', now()) }),
      401,
      /does not match/,
    ],
    ['a stale timestamp (a replay outside the tolerance)', () => post(orderBody, signed(orderBody, now() - 901)), 401, /stale signature timestamp/],
    [
      'malformed form data',
      () => {
        const b = 'events=1';
        return post(b, signed(b));
      },
      400,
      /"payload" is missing/,
    ],
    [
      'invalid JSON in payload',
      () => {
        const b = 'payload=%7Bnot-json';
        return post(b, signed(b));
      },
      400,
      /not valid JSON/,
    ],
    [
      'a payload that is not an object',
      () => {
        const b = 'payload=%5B1%5D';
        return post(b, signed(b));
      },
      400,
      /JSON object/,
    ],
  ])('%s', async (_name, send, status, message) => {
    const before = await stack.service.store.deliveries.count();
    const reply = await send();
    expect(reply.status).toBe(status);
    expect(reply.body.error).toMatch(message);
    expect(await stack.service.store.deliveries.count()).toBe(before);
    expect(await stack.service.store.jobs.countsByState()).toEqual([]);
  });
});

describe('webhook intake acknowledges what it stored', () => {
  it('stores an unknown event type as ignored, a malformed event as rejected with an alert, and orders and shipments as queued', async () => {
    const reply = await sendCentraWebhook({
      url: stack.webhookUrl,
      secret: WEBHOOK_SECRET,
      payload: {
        events: [
          { type: 'order', action: 'create', id: 30 },
          { type: 'account', action: 'update', id: 3 },
          { type: 'shipment', action: 'create', id: 9 },
          { type: 'order', id: 'x' },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, events: { queued: 2, ignored: 1, pending: 0, rejected: 1 } });
    expect((await stack.service.store.alerts.listOpen()).map((a) => a.kind)).toContain('webhook_event_rejected');
  });

  it('accepts the Checkout API and Storefront API shapes too (docs/design.md D16)', async () => {
    for (const payload of [{ products: ['1', '6'] }, { DisplayItems: ['1'], Collections: ['2'] }]) {
      const reply = await sendCentraWebhook({ url: stack.webhookUrl, secret: WEBHOOK_SECRET, payload });
      expect(reply.status).toBe(200);
    }
  });
});
