import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  url: string;
  proc: ChildProcess;
  /** Peak resident set size seen by polling /proc, bytes (Linux). */
  peakRss: () => number;
  stop(): Promise<void>;
}

/** Starts a node script (after `nodeArgs`, e.g. `--import`) and waits for a JSON line with `port` or a log line with `url`. */
export async function startChild(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, [...nodeArgs, script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 20_000);
    proc.stdout.on('data', (chunk: Buffer) => {
      for (const line of String(chunk).split('\n')) {
        if (!line.startsWith('{')) continue;
        const msg = JSON.parse(line) as { port?: number; url?: string; msg?: string };
        if (msg.port || (msg.url && msg.msg === 'centra-ometria is ready')) {
          clearTimeout(timer);
          resolve(msg.url ?? `http://127.0.0.1:${msg.port}`);
        }
      }
    });
  });
  let peak = 0;
  const { readFileSync } = await import('node:fs');
  const sample = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // the process ended
    }
  }, 100);
  return {
    url,
    proc,
    peakRss: () => peak,
    async stop() {
      clearInterval(sample);
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}
