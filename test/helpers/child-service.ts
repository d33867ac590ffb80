import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../server/package-root.js';

export const CLI = join(packageRoot(), 'dist', 'bin', 'centra-ometria.js');

export interface ChildService {
  url: string;
  proc: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * Runs the built CLI's `serve` in its own process (as operators do) and resolves once it says it is ready; `cwd`
 * is where it looks for a .env file.
 */
export async function spawnService(env: Record<string, string>, timeoutMs = 20_000, cwd?: string): Promise<ChildService> {
  const proc = spawn(process.execPath, [CLI, 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service not ready after ${timeoutMs} ms:\n${output.join('')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output.push(String(chunk));
      for (const line of String(chunk).split('\n')) {
        if (!line.includes('centra-ometria is ready')) continue;
        clearTimeout(timer);
        resolve(JSON.parse(line).url as string);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (chunk: Buffer) => output.push(String(chunk)));
    void exited.then((code) => reject(new Error(`service exited (${code}) before ready:\n${output.join('')}`)));
  });
  return { url, proc, output, exited };
}

/** Runs the built CLI once and collects its exit code and output; `cwd` is where it looks for a .env file. */
export function runCliProcess(args: string[], env: Record<string, string>, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => (stdout += c));
    proc.stderr.on('data', (c) => (stderr += c));
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
