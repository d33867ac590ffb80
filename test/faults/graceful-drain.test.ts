import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWebhookBody, signCentraWebhook } from '../../sandbox/centra-simulator/index.js';
import { openStore } from '../../server/store/open-store.js';
import { waitFor } from '../helpers/wait-for.js';
import { allDelivered, leakyLines, maxInWindow, orderDelivery } from './helpers/checks.js';
import { burst, sleep } from './helpers/deliveries.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';

const ORDERS = 1_000;

/** Opens a connection and sends a delivery's request line now; `finish()` sends the rest and reads the answer. */
function startStraggler(url: string, secret: string, order: number): { finish(): Promise<string> } {
  const { port } = new URL(url);
  const body = encodeWebhookBody({ events: [{ type: 'order', action: 'create', date: '2024-06-03 16:00:00.000000', id: order }] });
  const socket = connect(Number(port), '127.0.0.1');
  const chunks: Buffer[] = [];
  const closed = new Promise<string>((resolve) => {
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  socket.write(`POST /webhooks/centra HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  return {
    finish() {
      if (!socket.destroyed) {
        socket.write(
          `Content-Type: application/x-www-form-urlencoded\r\nX-Centra-Signature: ${signCentraWebhook(body, secret, Math.floor(Date.now() / 1000))}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      return Promise.race([closed, sleep(10_000).then(() => Buffer.concat(chunks).toString('utf8'))]);
    },
  };
}
const PUSH_RATE = 4;

let stack: FaultStack | undefined;
afterAll(async () => {
  await stack?.close();
});

describe('SIGTERM during a burst', () => {
  it('drains gracefully: takes no new delivery, settles the batch in hand, closes the store and exits 0', async () => {
    stack = await startFaultStack({ orders: ORDERS, seed: 31, ometria: { ratePerSecond: PUSH_RATE }, env: { OMETRIA_PUSH_RATE: String(PUSH_RATE) } });
    const { service, ometria, secrets, dataDir } = stack;
    await service.start();
    // A backlog the worker takes as one batch (up to 1,000 orders), then a steady stream of deliveries that goes on throughout.
    const backlog = await burst({ url: () => service.url, secret: secrets.webhookSecret, numbers: stack.numbers.slice(0, 600), perDelivery: 600 });
    expect(backlog.acked.size).toBe(600);
    const sending = burst({
      url: () => service.url,
      secret: secrets.webhookSecret,
      numbers: stack.numbers.slice(600),
      perDelivery: 20,
      gapMs: 50,
      retryMs: 100,
    });

    // In the middle of the batch: some of its pushes are done, most are not, and each takes a while.
    ometria.faults.latencyMs(150);
    await waitFor(() => ometria.pushes.count() >= 3, 'the third push call', 60_000, 5);
    // A delivery already on the wire when the signal comes: its request line is in, its headers are not.
    const straggler = startStraggler(service.url!, secrets.webhookSecret, stack.numbers.at(-1)!);
    await sleep(100);
    const termAt = Date.now();
    const pushesAtTerm = ometria.pushes.count();
    const exiting = service.kill('SIGTERM');
    await sleep(200);
    const stragglerReply = await straggler.finish();
    const exit = await Promise.race([exiting, sleep(60_000).then(() => 'timeout' as const)]);
    const exitedAt = Date.now();
    const drainMs = exitedAt - termAt;
    // Refused with 503 and a Retry-After (the listener is closing), or the connection was closed unanswered:
    // either way Centra retries it; what it must never get is an acknowledgement that was not stored.
    const stragglerStatus = Number(/^HTTP\/1\.1 (\d{3})/.exec(stragglerReply)?.[1] ?? 0);
    if (stragglerStatus !== 0) {
      expect(stragglerStatus, stragglerReply).toBe(503);
      expect(stragglerReply).toMatch(/retry-after: \d+/i);
      expect(stragglerReply).toMatch(/shutting down/);
    }
    expect(exit, `the drain did not finish in 60 s:\n${service.tail()}`).toEqual({ code: 0, signal: null });
    const run = service.lines.join('\n');
    expect(run).toMatch(/"signal":"SIGTERM".*shutting down/);
    expect(run).toMatch(/centra-ometria stopped/);
    // The batch in hand was finished, not abandoned: its remaining pushes went out after the signal.
    const pushesAfterTerm = ometria.pushes.count() - pushesAtTerm;
    expect(pushesAfterTerm).toBeGreaterThanOrEqual(5);

    // Nothing is left claimed: the store was closed with every job settled (done, or pending for the next run).
    const store = await openStore({ dataDir, synchronous: 'NORMAL', databaseUrl: stack.databaseUrl });
    try {
      const running = (await store.jobs.countsByState()).filter((r) => r.state === 'running');
      expect(running).toEqual([]);
    } finally {
      await store.close();
    }

    await sleep(500);
    await service.start();
    ometria.faults.latencyMs(0);
    const sent = await sending;
    expect(sent.acked.size).toBe(ORDERS - 600);
    // Deliveries that arrived while draining were refused with 503 + Retry-After, never taken and then dropped.
    const refused = sent.attempts.filter((a) => a.at >= termAt && a.status !== 200);
    for (const r of refused) {
      if (r.status === 'network') continue; // the listener had closed
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toEqual({ error: expect.stringMatching(/shutting down/) });
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    await waitFor(() => allDelivered(ometria, stack!.numbers), `all ${ORDERS} orders in Ometria`, 180_000, 250);

    // A graceful stop re-sends nothing: every push accepted before the exit was in the ledger.
    expect(orderDelivery(ometria, stack.numbers)).toEqual({ missing: [], conflicting: [], resent: [] });
    // Each process kept to the push rate (the second cannot know what the first sent just before it stopped).
    for (const run of [ometria.pushes.list().filter((p) => p.at < exitedAt), ometria.pushes.list().filter((p) => p.at >= exitedAt)]) {
      expect(
        maxInWindow(
          run.map((p) => p.at),
          1_000,
        ),
      ).toBeLessThanOrEqual(PUSH_RATE);
    }
    expect(leakyLines(service.lines, secrets, stack.emails())).toEqual([]);
    const kinds = refused.map((r) => r.status).join(',');
    console.log(
      `graceful-drain: drained in ${drainMs} ms, ${pushesAfterTerm} push calls after SIGTERM; the delivery begun before SIGTERM got ${stragglerStatus || 'a closed connection'}; refused while draining or down: ${kinds}`,
    );
  });
});
