import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import { allDelivered, faultSeed, leakyLines, maxInWindow, orderDelivery, prng } from './helpers/checks.js';
import { burst, sleep } from './helpers/deliveries.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';

const ORDERS = 2_000;
const PUSH_RATE = 8;
const seed = faultSeed();

let stack: FaultStack | undefined;
afterAll(async () => {
  await stack?.close();
});

describe(`SIGKILL at random points during a ${ORDERS}-order burst (FAULT_SEED=${seed})`, () => {
  it('after each restart the work resumes, and every order reaches Ometria exactly once by content', async () => {
    const random = prng(seed);
    stack = await startFaultStack({
      orders: ORDERS,
      seed,
      centra: { rateLimit: { requestsPer10s: 60, requestsPerHour: 10_000 } },
      ometria: { ratePerSecond: PUSH_RATE },
      env: { OMETRIA_PUSH_RATE: String(PUSH_RATE), CENTRA_RATE_LIMIT_10S: '60', CENTRA_RATE_LIMIT_HOUR: '10000' },
    });
    const { service, ometria } = stack;
    await service.start();

    // Centra keeps sending (and re-sending what was not acknowledged) while the service is killed and restarted.
    const sending = burst({
      url: () => service.url,
      secret: stack.secrets.webhookSecret,
      numbers: stack.numbers,
      perDelivery: 25,
      gapMs: 40,
      concurrency: 2,
      retryMs: 100,
    });

    // Kills at random moments: some after a random delay (intake, fetching, mapping), some just after the recorder
    // has taken a push (between Ometria's 2xx and our ledger write, the window where a re-send is allowed).
    const kills: string[] = [];
    const killedAt: number[] = [];
    for (let k = 0; k < 7; k++) {
      if (k % 2 === 0) {
        const delay = 300 + Math.floor(random() * 3_000);
        await sleep(delay);
        kills.push(`after ${delay} ms`);
      } else {
        const pushes = ometria.pushes.count() + 1 + Math.floor(random() * 6);
        // (if the work is all done before that call, the kill hits an idle service: a point like any other)
        await waitFor(() => ometria.pushes.count() >= pushes || allDelivered(ometria, stack!.numbers), `push call ${pushes}`, 60_000, 2);
        kills.push(`at push ${pushes}`);
      }
      killedAt.push(Date.now());
      const exit = await service.kill('SIGKILL');
      expect(exit?.signal).toBe('SIGKILL');
      await sleep(Math.floor(random() * 500));
      await service.start();
    }

    const sent = await sending;
    expect(sent.acked.size).toBe(ORDERS);
    await waitFor(() => allDelivered(ometria, stack!.numbers), `all ${ORDERS} orders in Ometria (kills: ${kills.join(', ')})`, 240_000, 250);

    const result = orderDelivery(ometria, stack.numbers);
    expect(result.missing).toEqual([]);
    expect(result.conflicting).toEqual([]);
    // Re-sends are allowed only for the calls in flight when a kill hit: at most a few batches of 100.
    expect(result.resent.length).toBeLessThanOrEqual(kills.length * 100);
    expect(ometria.store.all('order')).toHaveLength(ORDERS);
    // Each run keeps to the push rate (a new process cannot know what the killed one sent just before).
    const bounds = [0, ...killedAt, Infinity];
    for (let r = 0; r + 1 < bounds.length; r++) {
      const times = ometria.pushes
        .list()
        .filter((p) => p.at >= bounds[r]! && p.at < bounds[r + 1]!)
        .map((p) => p.at);
      expect(maxInWindow(times, 1_000), `pushes per second in run ${r + 1}`).toBeLessThanOrEqual(PUSH_RATE);
    }

    // The last run is healthy, and its status page shows no email (docs/design.md D27).
    expect(await (await fetch(`${service.url}/status.json`, { headers: { authorization: `Bearer ${stack.secrets.adminToken}` } })).text()).not.toMatch(/@/);
    expect(service.alive()).toBe(true);
    expect(leakyLines(service.lines, stack.secrets, stack.emails())).toEqual([]);
    console.log(
      `crash-recovery (FAULT_SEED=${seed}): kills ${kills.join(', ')}; ${result.resent.length} orders re-sent with identical content; ${ometria.pushes.count()} push calls`,
    );
  });
});
