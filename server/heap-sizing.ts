import { setFlagsFromString } from 'node:v8';

/**
 * V8's old generation grows by this share of what survived the last full collection before the next one, % (V8's
 * `--heap-growing-percent`). Left to itself V8 picks a factor from its measured GC and mutator speeds, up to 4 × on
 * a machine with room; a batch of orders that lives across several rate-limited Ometria pushes is promoted before
 * it dies, so that factor let 15-20 MiB of dead batches sit in old space at the 2,000-order backlog's peak (45 MiB
 * used after 26-30 MiB survived). At 20 % (V8's minimum growing step, 8 MiB, still applies) the next full collection
 * comes about 8 MiB above the live set. Figures and cost in docs/performance.md ("Memory").
 */
export const OLD_GENERATION_GROWTH_PERCENT = 20;

/**
 * Sizes V8's heap for the command about to run (`serve`, `sync` …); the entry point calls it before any other
 * module is evaluated (bin/size-heap.ts).
 * - The young generation stays at the size start-up left it (2 × 8 MiB semi-spaces seen) instead of doubling to two
 *   16 MiB semi-spaces that then stay resident. It must be set before the other modules are evaluated, since loading
 *   them grows the young generation, and V8 never shrinks it again. The price is more frequent scavenges (CPU).
 * - The old generation grows by OLD_GENERATION_GROWTH_PERCENT (above).
 * - Every command but `serve` also runs with `--optimize-for-size`: a sync, backfill or reconcile waits on Centra's
 *   and Ometria's rate limits, not on the CPU, while the flag halves the service's intake (docs/performance.md).
 *
 * Why: heap snapshots at the peak of a 2,000-order backlog and of a 50,000-size catalogue sync hold only 26-30 MiB
 * of live objects; most of the rest of their 140-200 MiB RSS was collector headroom. A V8 flag for the same setting
 * given to node on its command line is left alone. Starting a worker thread undoes flags set at run time (Node 20,
 * V8 11.3), so whoever starts one calls this again once the thread is online (open-service.ts, for the WAL
 * checkpoint thread).
 */
export function sizeHeap(command: string): void {
  for (const flag of heapFlags(command, process.execArgv)) setFlagsFromString(flag);
}

/** The V8 flags sizeHeap sets for `command`, leaving out any setting node's own command line (`execArgv`) gives. */
export function heapFlags(command: string, execArgv: readonly string[]): string[] {
  const given = execArgv.join(' ');
  const wanted: Array<[flag: string, setting: string]> = [
    ['--semi-space-growth-factor=1', 'semi-space'],
    [`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`, 'heap-growing-percent'],
  ];
  if (command !== 'serve') wanted.push(['--optimize-for-size', 'optimize-for-size']);
  return wanted.filter(([, setting]) => !given.includes(setting)).map(([flag]) => flag);
}
