import { Agent, request } from 'node:http';
import type { LoadResult } from './load.js';

/**
 * An open-loop load at a fixed rate: request i is due at start + i/rate, whatever the earlier ones did, as Centra
 * sends webhooks when orders happen. autocannon's `overallRate` instead lets every connection send its share
 * back to back at the start of each second, so its latency measures a burst of 20 in flight, not the rate.
 * Latency runs from the time a request was due, not from when it left, so a generator or server that falls
 * behind is counted (no coordinated omission). The first second is warm-up, sent but not counted: it opens the
 * keep-alive connections a long-lived sender already holds.
 */
export async function pacedLoad(
  url: string,
  options: { seconds: number; rate: number; next: () => { body: string; headers: Record<string, string> } },
): Promise<LoadResult> {
  // Enough sockets that a request never waits for one while the server keeps up.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const warmUp = options.rate;
  const counted = Math.round(options.seconds * options.rate);
  const total = warmUp + counted;
  const latencies = new Float64Array(counted);
  let sent = 0;
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  const dueAt = (i: number) => start + (i * 1000) / options.rate;
  await new Promise<void>((resolve) => {
    let settled = 0;
    const settle = (i: number, ok: boolean | 'error') => {
      if (i >= warmUp) latencies[i - warmUp] = performance.now() - dueAt(i);
      if (ok === 'error') errors++;
      else if (!ok) non2xx++;
      if (++settled === total) resolve();
    };
    const send = (i: number) => {
      const { body, headers } = options.next();
      const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.once('end', () => settle(i, res.statusCode! >= 200 && res.statusCode! < 300));
      });
      req.once('error', () => settle(i, 'error'));
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && dueAt(sent) <= now) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
    };
    tick();
  });
  agent.destroy();
  const sorted = latencies.sort();
  const at = (q: number) => Math.round(sorted[Math.min(counted - 1, Math.floor(q * counted))]! * 100) / 100;
  return {
    requestsPerSecond: total / ((performance.now() - start) / 1000),
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    non2xx,
    errors,
  };
}
