import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by the entry point, for its effect: keeps V8's young generation at the size start-up left it
 * (2 × 8 MiB semi-spaces seen) instead of letting it double to two 16 MiB semi-spaces. It must run before the other
 * modules are evaluated, since loading them grows the young generation, and V8 never shrinks it again.
 *
 * Why: heap snapshots at the peak of a 2,000-order backlog and of a 50,000-size catalogue sync hold only 26-30 MiB
 * of live objects; most of the rest of their 160-200 MiB RSS was collector headroom. Each batch of orders or page of
 * products lives across several rate-limited Ometria pushes, so many objects survive a scavenge and V8 grows the
 * young generation to its 32 MiB maximum, which then stays resident. The price is more frequent scavenges (CPU);
 * the work is mostly bound by Centra's and Ometria's rate limits. Figures, cost included, in docs/performance.md.
 * A `--max-semi-space-size` or `--semi-space-growth-factor` given to node on its command line is left alone.
 * Starting a worker thread undoes the flag (Node 20, V8 11.3), so whoever starts one applies it again once the
 * thread is online (open-service.ts, for the WAL checkpoint thread).
 */
export function holdYoungGeneration(): void {
  if (!process.execArgv.some((arg) => arg.includes('semi-space'))) setFlagsFromString('--semi-space-growth-factor=1');
}

holdYoungGeneration();
