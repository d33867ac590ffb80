import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Preloaded into a benchmarked process (`node --import`, bench/child.ts), never by the service itself: samples
 * event-loop delay, and on SIGUSR2 prints what it saw since the last SIGUSR2 as one JSON line on stdout
 * (`{"loopDelay":{"p50":…,"p99":…,"max":…}}`, ms) and starts afresh. Resolution 1 ms, the histogram's finest
 * useful step for a p99 goal in ms.
 */
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
process.on('SIGUSR2', () => {
  const loopDelay = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
  histogram.reset();
  process.stdout.write(`${JSON.stringify({ loopDelay })}\n`);
});
