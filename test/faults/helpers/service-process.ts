import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../../helpers/child-service.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceRun {
  url: string;
  proc: ChildProcess;
  exited: Promise<Exit>;
  /** Set once the process has exited. */
  exit?: Exit;
}

/** Every child started by these suites: killed if the test process goes away first (no stray services). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

/**
 * `node dist/bin/centra-ometria.js serve` in its own process, started again and again on the same environment (the same
 * DATA_DIR), as a supervisor would. Every line any run printed is kept in `lines`, for the log checks.
 * LOG_LEVEL defaults to debug here, so the "no secret in any log line" check sees every line the code can write.
 */
export class ServiceProcess {
  readonly lines: string[] = [];
  readonly runs: ServiceRun[] = [];

  constructor(readonly env: Record<string, string>) {}

  get current(): ServiceRun | undefined {
    return this.runs.at(-1);
  }

  /** The URL of the running process, undefined while it is down. */
  get url(): string | undefined {
    const run = this.current;
    return run && !run.exit ? run.url : undefined;
  }

  alive(): boolean {
    const run = this.current;
    return run !== undefined && run.exit === undefined;
  }

  async start(extraEnv: Record<string, string> = {}, timeoutMs = 30_000): Promise<ServiceRun> {
    if (this.alive()) throw new Error('the service is already running');
    const env = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug', ...this.env, ...extraEnv };
    const proc = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(proc);
    let resolveUrl: (url: string) => void = () => undefined;
    const ready = new Promise<string>((resolve) => (resolveUrl = resolve));
    for (const stream of [proc.stdout, proc.stderr]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const parts = (partial + String(chunk)).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          this.lines.push(line);
          if (line.includes('centra-ometria is ready')) resolveUrl((JSON.parse(line) as { url: string }).url);
        }
      });
      stream.on('end', () => {
        if (partial) this.lines.push(partial);
        partial = '';
      });
    }
    const run: ServiceRun = {
      url: '',
      proc,
      exited: new Promise<Exit>((resolve) =>
        proc.once('exit', (code, signal) => {
          live.delete(proc);
          run.exit = { code, signal };
          resolve(run.exit);
        }),
      ),
    };
    this.runs.push(run);
    let timer: NodeJS.Timeout | undefined;
    try {
      run.url = await Promise.race([
        ready,
        run.exited.then((e) => Promise.reject(new Error(`service exited (${e.code ?? e.signal}) before it was ready:\n${this.tail()}`))),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`service not ready after ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs))),
      ]);
    } catch (error) {
      proc.kill('SIGKILL');
      await run.exited;
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return run;
  }

  /** Sends `signal` and waits for the exit (SIGKILL: the process dies at once, as in a crash or OOM kill). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit | undefined> {
    const run = this.current;
    if (!run || run.exit) return run?.exit;
    run.proc.kill(signal);
    return run.exited;
  }

  /** The last lines, for failure messages. */
  tail(n = 30): string {
    return this.lines.slice(-n).join('\n');
  }
}
