import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.js';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { runCliProcess, spawnService, type ChildService } from '../helpers/child-service.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { sendCentraWebhook } from '../../sandbox/centra-simulator/index.js';

let stack: Stack | undefined;
let child: ChildService | undefined;
afterEach(async () => {
  child?.proc.kill('SIGKILL');
  await child?.exited;
  child = undefined;
  await stack?.close();
  stack = undefined;
});

const send = (url: string, id: number) =>
  sendCentraWebhook({
    url: `${url}/webhooks/centra`,
    secret: 'test-endpoint-secret',
    payload: { events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id }] },
  });

describe('nothing acknowledged is lost (issue 2)', () => {
  it('when the process is SIGKILLed after the ack and before the push, then the order is pushed after restart', async () => {
    stack = await startStack({ env: { WORKER_ENABLED: 'false' } });
    await stack.service.close();
    stack.centra.data.orders.add(makeSimOrder({ number: 41 }));
    stack.ometria.faults.down(true);
    // On PostgreSQL a start-up cannot release running claims (they may be another replica's): the killed run's
    // claim comes back when its lease ends, so the lease is short here. SQLite releases it at start-up.
    const leased = { ...stack.env, WORKER_ENABLED: 'true', JOB_LEASE_SECONDS: '3' };
    child = await spawnService(leased);
    expect((await send(child.url, 41)).status).toBe(200);
    await waitFor(() => stack!.ometria.pushes.count() > 0, 'a push attempt while Ometria is down');
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(stack.ometria.store.get('order', '41')).toBeUndefined();

    stack.ometria.faults.down(false);
    child = await spawnService(leased);
    await waitFor(() => stack!.ometria.store.get('order', '41'), 'order 41 after the restart', 30_000);
    expect(stack.ometria.store.versions('order', '41')).toBe(1);
  });

  it('when Ometria rejects an order for good (400), then a dead letter holds it and `centra-ometria replay` delivers it', async () => {
    stack = await startStack();
    stack.centra.data.orders.add(makeSimOrder({ number: 42 }));
    stack.ometria.faults.rejectIds('order', ['42']);
    await stack.send([{ type: 'order', id: 42 }]);
    const letter = (await waitFor(async () => (await stack!.service.store.deadLetters.listOpen())[0], 'a dead letter for order 42'))!;
    expect(letter).toMatchObject({ record_type: 'order', record_id: '42', reason: expect.stringMatching(/400/) });
    expect((await stack.service.store.alerts.listOpen()).find((a) => a.kind === 'dead_letter')?.message).toMatch(/order 42.*dead letter #\d+/);
    await stack.service.close();

    stack.ometria.faults.reset();
    const replay = await runCliProcess(['replay', String(letter.id)], stack.env);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toMatch(new RegExp(`dead letter ${letter.id} \\(order 42\\): delivered`));
    expect(replay.code).toBe(0);
    expect(stack.ometria.store.get('order', '42')).toMatchObject({ id: '42' });

    const again = await runCliProcess(['replay', String(letter.id)], stack.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not found or already replayed/);
    const store = await openStore({ dataDir: stack.dataDir, synchronous: 'NORMAL', databaseUrl: stack.env.DATABASE_URL });
    expect(await store.deadLetters.countOpen()).toBe(0);
    await store.close();
    await stack.restart();
  });
});
