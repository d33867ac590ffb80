import { join } from 'node:path';
import { packageRoot } from '../server/package-root.js';
import type { Child } from './child.js';

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Node arguments that preload the event-loop delay probe (loop-delay-probe.ts) into a child. */
export const loopDelayProbeArgs = (): string[] => ['--import', join(packageRoot(), 'dist/bench/loop-delay-probe.js')];

/** The child's event-loop delay since the previous call (ms), from its probe; the probe then starts afresh. */
export function readLoopDelay(child: Child): Promise<LoopDelay> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the benchmarked process did not report its event-loop delay within 5 s (is its probe loaded?)')), 5_000);
    const onData = (chunk: Buffer) => {
      for (const line of String(chunk).split('\n')) {
        if (!line.startsWith('{"loopDelay"')) continue;
        clearTimeout(timer);
        child.proc.stdout?.off('data', onData);
        resolve((JSON.parse(line) as { loopDelay: LoopDelay }).loopDelay);
      }
    };
    child.proc.stdout?.on('data', onData);
    child.proc.kill('SIGUSR2');
  });
}
