import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import { acceptDelivery } from '../../server/intake/accept-delivery.js';
import { ROUTED_EVENT_TYPES } from '../../server/intake/event-routing.js';
import { parseDelivery } from '../../server/http/parse-delivery.js';
import { buildEventRoutes, EVENT_ROUTES, JOB_KINDS, jobKinds } from '../../server/jobs/job-kinds.js';
import { createJobHandlers, JOB_REGISTRY } from '../../server/jobs/job-registry.js';
import { ORDERS_PER_CYCLE } from '../../server/jobs/orders/orders-job.js';
import { createLogger } from '../../server/log/logger.js';
import { createRuntime } from '../../server/runtime.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

// Never called: building the runtime opens no connection.
const env = {
  CENTRA_API_URL: 'http://127.0.0.1:9/graphql',
  CENTRA_API_TOKEN: 'token',
  CENTRA_WEBHOOK_SECRET: 'secret',
  OMETRIA_API_KEY: 'key',
  OMETRIA_API_URL: 'http://127.0.0.1:9/v2',
};
const CATALOGUE_STORES = JSON.stringify([{ store: 'example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://example.com/uk/product' }]);
const runtimeFor = (extra: Record<string, string> = {}) =>
  createRuntime(loadConfig({ ...env, ...extra }), temp.store, { logger: createLogger('silent'), now: () => 1_000 });

const form = (payload: object) => Buffer.from(`payload=${encodeURIComponent(JSON.stringify(payload))}`);

describe('job registry', () => {
  it('declares every job kind once, with a batch size and a handler', () => {
    expect(Object.keys(JOB_REGISTRY).sort()).toEqual(jobKinds().sort());
    expect(new Set(jobKinds()).size).toBe(jobKinds().length);
  });

  it('routes every declared webhook event type to exactly one kind, the one declaring it', () => {
    const declared = jobKinds().flatMap((kind) => Object.keys(JOB_KINDS[kind].events).map((type) => ({ type, kind })));
    expect(declared.length).toBe(ROUTED_EVENT_TYPES.length);
    expect([...ROUTED_EVENT_TYPES].sort()).toEqual(declared.map((d) => d.type).sort());
    for (const { type, kind } of declared) expect(EVENT_ROUTES.get(type)?.kind).toBe(kind);
    expect(EVENT_ROUTES.get('storefront.Collections')?.entityKey('9')).toBe('collection:9');
  });

  it('refuses an event type declared under two kinds, naming both', () => {
    expect(() => buildEventRoutes({ order: { events: { order: (id) => id } }, customer: { events: { order: (id) => id } } })).toThrow(
      /order to both order and customer/,
    );
  });

  it('derives the handled kinds and batch sizes from the registry', () => {
    const config = loadConfig({ ...env, CATALOGUE_STORES, CENTRA_BATCH_SIZE: '20' });
    const runtime = createRuntime(config, temp.store, { logger: createLogger('silent'), now: () => 1_000 });
    expect([...runtime.handledKinds].sort()).toEqual(jobKinds().sort());
    const { handlers, handledKinds } = createJobHandlers(config, { ctx: runtime.ctx, trackerOmetria: runtime.ctx.ometria, catalogue: runtime.catalogue });
    expect([...handledKinds]).toEqual(Object.keys(handlers));
    // The registry's order is the worker's: after-sale first, so the order jobs it queues run in the same cycle.
    expect(Object.keys(handlers).slice(0, 3)).toEqual(['shipment', 'return', 'order']);
    expect(handlers.order?.batchSize).toBe(ORDERS_PER_CYCLE);
    expect(handlers.customer?.batchSize).toBe(20);
    expect(handlers.shipment?.batchSize).toBe(20);
  });

  it('without CATALOGUE_STORES leaves product webhooks and product jobs pending', async () => {
    const runtime = runtimeFor();
    expect(runtime.handledKinds.has('product')).toBe(false);
    expect(runtime.handledKinds.has('order')).toBe(true);
    const body = form({ events: [{ type: 'storefront.DisplayItems', id: 7 }] });
    const accepted = await temp.store.transaction((tx) =>
      acceptDelivery(tx, { parsed: parseDelivery(body), rawBody: body, signatureT: 1 }, runtime.handledKinds, 1_000),
    );
    expect(accepted.counts).toMatchObject({ pending: 1, queued: 0 });
    await temp.store.jobs.enqueue('product', 'display-item:7', 1_000);
    expect(await runtime.worker.drain()).toBe(0);
    expect(await temp.store.jobs.find('product', 'display-item:7')).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
