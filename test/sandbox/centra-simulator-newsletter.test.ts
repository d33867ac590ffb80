import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY, NEWSLETTER_SUBSCRIPTIONS_QUERY } from '../../server/centra/newsletter/newsletter-query.js';
import { SimData, seedNewsletter, startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { newsletterRouter } from '../../sandbox/newsletter-route.js';
import { makeSimCustomer, postToSimulator } from '../helpers/centra-factories.js';

let sim: CentraSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

type Row = {
  id: number;
  email: string;
  isActive: boolean | null;
  createdAt: string;
  productVariant: { id: number } | null;
  productSize: { id: number } | null;
};
const rows = (body: { data?: Record<string, unknown> | null }) => (body.data?.newsletterSubscriptions ?? []) as Row[];

describe('Centra simulator: newsletter subscriptions', () => {
  it('lists sign-ups by id with where (email equals, storeId, createdAt from/to), limit and page', async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    const table = sim.data.newsletterSubscriptions;
    table.signUp('one@example.com', { createdAt: '2024-06-01T10:00:00+00:00', store: { id: 1 } });
    table.signUp('Two@Example.com', { createdAt: '2024-06-02T10:00:00+00:00', store: { id: 2 } });
    table.signUp('three@example.com', { createdAt: '2024-06-03T10:00:00+00:00', store: { id: 1 }, productSize: { id: 9 } });
    const query = (where: string) => postToSimulator(sim!, `{ newsletterSubscriptions(where: ${where}, limit: 10) { id email } }`);

    expect(rows((await query('{ email: { equals: "two@example.com" } }')).body).map((r) => r.id)).toEqual([2]);
    expect(rows((await query('{ storeId: 1 }')).body).map((r) => r.id)).toEqual([1, 3]);
    expect(rows((await query('{ createdAt: { from: "2024-06-02T10:00:00+00:00", to: "2024-06-02T23:00:00+00:00" } }')).body).map((r) => r.id)).toEqual([2]);

    const page2 = await postToSimulator(sim, NEWSLETTER_SUBSCRIPTIONS_QUERY, { variables: { limit: 2, page: 2 } });
    expect(rows(page2.body)).toEqual([
      { id: 3, email: 'three@example.com', isActive: true, createdAt: '2024-06-03T10:00:00+00:00', productVariant: null, productSize: { id: 9 } },
    ]);
    const since = await postToSimulator(sim, NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY, { variables: { since: '2024-06-02T00:00:00+00:00', limit: 10, page: 1 } });
    expect(rows(since.body).map((r) => r.id)).toEqual([2, 3]);
  });

  it("deactivates a sign-up in place, and lists subscriptions embedded in a customer with the customer's email", async () => {
    sim = await startCentraSimulator({ rateLimit: false });
    const signup = sim.data.newsletterSubscriptions.signUp('one@example.com');
    sim.data.newsletterSubscriptions.deactivate(signup.id);
    sim.data.customers.add(
      makeSimCustomer({ id: 5, email: 'cust@example.com', newsletterSubscriptions: [{ id: 40, isActive: true, createdAt: '2024-01-01T00:00:00+00:00' }] }),
    );
    const res = await postToSimulator(sim, NEWSLETTER_SUBSCRIPTIONS_QUERY, { variables: { limit: 10, page: 1 } });
    expect(rows(res.body).map((r) => [r.id, r.email, r.isActive])).toEqual([
      [signup.id, 'one@example.com', false],
      [40, 'cust@example.com', true],
    ]);
  });

  it('seeds a newsletter-only sign-up, an unsubscribed one and a back-in-stock request; the sandbox routes sign up and deactivate', async () => {
    const data = new SimData();
    const app = express().use(newsletterRouter(data));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const seeded = data.newsletterSubscriptions.values().sort((a, b) => a.id - b.id);
      expect(seeded.map((s) => [s.isActive, s.productVariant != null])).toEqual([
        [true, false],
        [false, false],
        [true, true],
      ]);
      const created = await fetch(`${base}/sandbox/newsletter`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'new@example.com' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: number };
      expect((await fetch(`${base}/sandbox/newsletter/${id}/deactivate`, { method: 'POST' })).status).toBe(200);
      expect(data.newsletterSubscriptions.get(id)).toMatchObject({ email: 'new@example.com', isActive: false });
      expect((await fetch(`${base}/sandbox/newsletter/999/deactivate`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${base}/sandbox/newsletter`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
    } finally {
      server.close();
    }
    expect(seedNewsletter(new SimData())).toHaveLength(3);
  });
});
