import { afterEach, describe, expect, it } from 'vitest';
import { makeSimOrder } from '../helpers/centra-factories.js';
import { runCliProcess, spawnService, type ChildService } from '../helpers/child-service.js';
import { startStack, WEBHOOK_SECRET, type Stack } from '../helpers/stack.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { freePort } from './free-port.js';

let stack: Stack | undefined;
let child: ChildService | undefined;
const dirs: Array<{ remove(): void }> = [];
afterEach(async () => {
  child?.proc.kill('SIGTERM');
  if (child) await child.exited;
  child = undefined;
  await stack?.close();
  stack = undefined;
  for (const d of dirs.splice(0)) d.remove();
});

describe('centra-ometria send-webhook', () => {
  it('signs an order event with the given secret; the service accepts it and the order reaches Ometria', async () => {
    stack = await startStack();
    stack.centra.data.orders.add(makeSimOrder({ number: 1234 }));
    const cwd = tempDir('send-webhook-');
    dirs.push(cwd);
    const run = await runCliProcess(['send-webhook', 'order', '1234', '--url', stack.webhookUrl, '--secret', WEBHOOK_SECRET], {}, cwd.path);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^POST .*\/webhooks\/centra: order 1234 \(update\)\n200 /);
    expect(run.code).toBe(0);
    await waitFor(() => stack!.ometria.store.get('order', '1234'), 'order 1234 in Ometria');

    const wrong = await runCliProcess(['send-webhook', 'order', '1234', '--url', stack.webhookUrl, '--secret', 'not-the-secret', '--json'], {}, cwd.path);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ status: 401, event: { type: 'order', id: 1234 } });
  });

  it('against a running sandbox, finds its endpoint and secret by itself and the order is delivered', async () => {
    const dir = tempDir('send-webhook-sandbox-');
    dirs.push(dir);
    const env = { PORT: String(await freePort()), DATA_DIR: dir.path };
    child = await spawnService(env, 20_000, dir.path);
    const placed = (await (
      await fetch(`${child.url}/sandbox/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"count":1}' })
    ).json()) as { orders: number[] };
    const id = placed.orders[0]!;

    const run = await runCliProcess(['send-webhook', 'order', String(id)], env, dir.path);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`POST ${child.url}/webhooks/centra: order ${id}`);
    // The sandbox placed the order with its own delivery; ours is the second, stored and routed to the same job.
    await waitFor(
      async () => ((await (await fetch(`${child!.url}/status.json`)).json()) as { deliveries: unknown[] }).deliveries.length === 2,
      'two deliveries',
    );
    await waitFor(
      async () =>
        ((await (await fetch(`${child!.url}/sandbox/ometria.json`)).json()) as { orders: { latest: Array<{ id: string }> } }).orders.latest.some(
          (o) => o.id === String(id),
        ),
      `order ${id} in Ometria`,
    );

    // status, run beside the sandbox with the same DATA_DIR, reads the sandbox's store (DATA_DIR/sandbox).
    const status = await runCliProcess(['status', '--json'], env, dir.path);
    expect(status.code).toBe(0);
    // An empty store at DATA_DIR would show no jobs at all.
    expect((JSON.parse(status.stdout) as { backlog: { order?: { done?: number } } }).backlog.order?.done).toBeGreaterThanOrEqual(1);
  });
});
