import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
  const rss = sampleRss(proc.pid!);
  return {
    url,
    proc,
    peakRss: rss.peak,
    async stop() {
      rss.stop();
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

export interface Finished {
  code: number | null;
  stdout: string;
  /** The last 2,000 characters. */
  stderr: string;
  /** Peak resident set size seen by polling /proc, bytes (Linux). */
  peakRss: number;
}

/** Runs a node script to its end (a CLI command), sampling its RSS on the way. */
export async function runChild(script: string, args: string[], env: Record<string, string>): Promise<Finished> {
  const proc = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = sampleRss(proc.pid!);
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  // Progress bars go to stderr; only the tail is kept, to explain a failure.
  proc.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + String(chunk)).slice(-2000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', resolve);
  });
  rss.stop();
  return { code, stdout, stderr, peakRss: rss.peak() };
}

/** Polls VmRSS of `pid` every 100 ms until stopped or the process ends; the peak in bytes. */
function sampleRss(pid: number): { peak: () => number; stop: () => void } {
  let peak = 0;
  const sample = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // the process ended
    }
  }, 100);
  return { peak: () => peak, stop: () => clearInterval(sample) };
}
