import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';
import { pollPushErrors } from '../../server/ometria/poll-push-errors.js';
import { createAlerter } from '../../server/alerts/alerter.js';
import { createLogger } from '../../server/log/logger.js';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { testDatabase } from '../helpers/database-env.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('operations basics (issue 2)', () => {
  it('answers /healthz and /readyz, and /readyz says when the worker is not running', async () => {
    stack = await startStack();
    expect(await (await fetch(`${stack.service.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${stack.service.url}/readyz`);
    expect(ready.status).toBe(200);
    await stack.service.worker.stop();
    const notReady = await fetch(`${stack.service.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ok: false, checks: { worker: false, store: true } });
  });

  it('shows recent deliveries, jobs, pushes and dead letters on /status without emails', async () => {
    stack = await startStack();
    stack.centra.data.orders.add(makeSimOrder({ number: 51, customer: { id: 9, email: 'private.person@example.com', firstName: 'P', lastName: 'P' } }));
    stack.centra.data.orders.add(makeSimOrder({ number: 52 }));
    stack.ometria.faults.rejectIds('order', ['52']);
    await stack.send([
      { type: 'order', id: 51 },
      { type: 'order', id: 52 },
    ]);
    // The jobs settle after the push is answered (on PostgreSQL one round trip each), so wait for the rows too.
    const settled = async () =>
      (await stack!.service.store.jobs.find('order', '51'))?.state === 'done' && (await stack!.service.store.jobs.find('order', '52'))?.state === 'dead';
    await waitFor(
      async () => (await stack!.service.store.deadLetters.countOpen()) === 1 && stack!.ometria.store.get('order', '51') && (await settled()),
      'order 51 pushed and 52 dead-lettered',
    );
    const json = await (await fetch(`${stack.service.url}/status.json`, { headers: stack.admin })).json();
    expect(json.deliveries[0].events).toMatch(/order 51 queued; order 52 queued/);
    expect(json.jobs.map((j: { entity: string; state: string }) => `${j.entity}:${j.state}`)).toEqual(expect.arrayContaining(['51:done', '52:dead']));
    expect(json.pushes.some((p: { type: string; status: number }) => p.type === 'order' && p.status === 400)).toBe(true);
    expect(json.deadLetters[0]).toMatchObject({ record: 'order 52', state: 'open' });
    const html = await (await fetch(`${stack.service.url}/status`, { headers: stack.admin })).text();
    expect(html).toContain('Dead letters');
    expect(html).toMatch(/order 52/);
    expect(html + JSON.stringify(json)).not.toContain('private.person@example.com');
  });

  it('refuses the replay action without ADMIN_TOKEN and performs it with the token', async () => {
    stack = await startStack({ env: { ADMIN_TOKEN: 'an-admin-token-of-length' } });
    stack.centra.data.orders.add(makeSimOrder({ number: 53 }));
    stack.ometria.faults.rejectIds('order', ['53']);
    await stack.send([{ type: 'order', id: 53 }]);
    const letter = (await waitFor(async () => (await stack!.service.store.deadLetters.listOpen())[0], 'dead letter'))!;
    const url = `${stack.service.url}/admin/dead-letters/${letter.id}/replay`;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { authorization: 'Bearer wrong-token-of-same-len' } })).status).toBe(401);
    stack.ometria.faults.reset();
    const ok = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer an-admin-token-of-length' } });
    expect(ok.status).toBe(200);
    await waitFor(() => stack!.ometria.store.get('order', '53'), 'order 53 after replay');
  });

  it('drains gracefully: a closing service takes no new deliveries, finishes the batch in hand and closes the store', async () => {
    stack = await startStack();
    stack.centra.data.orders.add(makeSimOrder({ number: 54 }));
    stack.ometria.faults.latencyMs(300);
    await stack.send([{ type: 'order', id: 54 }]);
    await waitFor(() => stack!.ometria.pushes.count() > 0, 'push in flight');
    const closing = stack.service.close();
    await expect(stack.send([{ type: 'order', id: 54 }])).rejects.toThrow();
    await closing;
    expect(await stack.service.store.ping()).toBe(false);
    expect(stack.ometria.store.get('order', '54')).toMatchObject({ id: '54' });
    await stack.restart();
  });
});

describe('asynchronous Ometria errors (docs/design.md D7)', () => {
  it('become one deduplicated alert naming the error path and the suspect records', async () => {
    stack = await startStack();
    // Two orders accepted together: the error cannot be tied to one (with one alone it is dead-lettered, issue 15).
    stack.centra.data.orders.add(makeSimOrder({ number: 61 }));
    stack.centra.data.orders.add(makeSimOrder({ number: 62 }));
    stack.ometria.faults.invalidAsync('order', ['61'], { error_message: 'not a valid value', error_path: 'root > lineitems > 0 > product_id' });
    await stack.send([
      { type: 'order', id: 61 },
      { type: 'order', id: 62 },
    ]);
    await waitFor(() => stack!.ometria.errors.list().length > 0 && stack!.ometria.store.get('order', '62'), 'an asynchronous error in Ometria');
    await waitFor(async () => (await stack!.service.store.jobs.countsByState()).every((r) => r.state === 'done'), 'both orders settled');
    const store = stack.service.store;
    const alerter = createAlerter({ alerts: store.alerts, logger: createLogger('silent'), now: Date.now });
    const deps = { baseUrl: stack.ometria.baseUrl, apiKey: stack.ometria.apiKey, store, alerter, now: Date.now };
    expect(await pollPushErrors(deps)).toBe(1);
    expect(await pollPushErrors(deps)).toBe(0);
    const alerts = (await store.alerts.listOpen()).filter((a) => a.kind === 'ometria_async_error');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toMatch(/root > lineitems > 0 > product_id/);
    expect(alerts[0]!.message).toMatch(/order 61/);
    expect(await store.ledger.has('order', '61')).toBe(true);
    expect(await store.findings.listActive()).toEqual([
      expect.objectContaining({ kind: 'record_rejected_async', entity: 'root > lineitems > 0 > product_id', repair: 'manual' }),
    ]);
  });
});

describe('sandbox (npm start without credentials)', () => {
  it('starts simulators in-process and carries placed orders through to the Ometria recorder', async () => {
    const dir = tempDir();
    const database = await testDatabase();
    const sandbox = await startSandbox(loadConfig({ DATA_DIR: dir.path, ...database.env, PORT: '0', LOG_LEVEL: 'silent' }));
    try {
      const placed = await (
        await fetch(`${sandbox.url}/sandbox/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"count":3}' })
      ).json();
      expect(placed).toMatchObject({ webhook: 200, orders: [1, 2, 3] });
      const seen = await waitFor(async () => {
        const s = await (await fetch(`${sandbox.url}/sandbox/ometria.json`)).json();
        return s.orders.count === 3 ? s : undefined;
      }, 'three sandbox orders in the recorder');
      expect(seen.contacts.count).toBeGreaterThan(0);
      expect(await (await fetch(`${sandbox.url}/`)).text()).toContain('centra-ometria sandbox');
    } finally {
      await sandbox.close();
      await database.drop();
      dir.remove();
    }
  });
});
