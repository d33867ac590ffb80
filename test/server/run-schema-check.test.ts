import { afterEach, describe, expect, it } from 'vitest';
import { createAlerter } from '../../server/alerts/alerter.js';
import { createCentraClient } from '../../server/centra/centra-client.js';
import { buildOrdersQuery } from '../../server/centra/orders/fetch-orders.js';
import { runSchemaCheck } from '../../server/centra/schema/run-schema-check.js';
import { createSchemaAdapter } from '../../server/centra/schema/schema-adapter.js';
import { createLogger } from '../../server/log/logger.js';
import { startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();
let sim: CentraSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A Centra that refuses introspection (some tokens may not allow it) and answers everything else. */
const refusingIntrospection: typeof fetch = async (input, init) =>
  typeof init?.body === 'string' && init.body.includes('__schema')
    ? new Response(JSON.stringify({ errors: [{ message: 'introspection is not allowed for this token' }] }), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      })
    : fetch(input, init);

async function check(schema: 'full' | 'lean', fetchFn?: typeof fetch) {
  sim = await startCentraSimulator({ rateLimit: false, schema });
  const adapter = createSchemaAdapter();
  const limiter = { reserve: async () => 0, release: async () => undefined, pauseUntil: async () => undefined, setLimits: () => undefined, windows: () => [] };
  const centra = createCentraClient({
    url: sim.url,
    token: sim.token,
    timeoutMs: 5_000,
    limiter,
    now: Date.now,
    adapter,
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
  const alerter = createAlerter({ alerts: temp.store.alerts, logger: createLogger('silent'), now: Date.now });
  const result = await runSchemaCheck({ centra, adapter, kv: temp.store.kv, alerter, logger: createLogger('silent'), now: Date.now });
  return { result, adapter, centra };
}

describe('the start-up schema check', () => {
  it('finds nothing to adapt against the full contract and raises no alert', async () => {
    const { result, adapter } = await check('full');
    expect(result.source).toBe('live');
    expect(result.adapts).toBe(false);
    expect(adapter.adapt(buildOrdersQuery([1]))).toBe(buildOrdersQuery([1]));
    expect(await temp.store.alerts.listOpen()).toEqual([]);
  });

  it('uses only documented fields when introspection is refused, and still reads orders', async () => {
    const { result, adapter, centra } = await check('full', refusingIntrospection);
    expect(result.source).toBe('contract');
    expect(result.introspectionError).toMatch(/403|introspection/);
    expect(adapter.canSend('CustomersById')).toBe(false);
    const res = await centra.request<Record<string, unknown[]>>(buildOrdersQuery([1]));
    expect(res.errors).toEqual([]);
    const alerts = await temp.store.alerts.listOpen();
    expect(alerts.every((a) => a.kind === 'centra_schema' && a.message.includes('introspection refused'))).toBe(true);
    expect(alerts.length).toBeGreaterThan(0);
  });

  it('resolves its alerts when a later check finds the capability back', async () => {
    await check('lean');
    expect((await temp.store.alerts.listOpen()).length).toBeGreaterThan(0);
    await sim!.close();
    await check('full');
    expect(await temp.store.alerts.listOpen()).toEqual([]);
  });
});
