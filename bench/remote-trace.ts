import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `<dir>/<name>.json`: when each Centra request and each Ometria push of a measured run reached the simulators,
 * in ms from the run's start, so where the time went can be read off (docs/scaling.md reads one this way).
 */
export function writeTrace(
  dir: string,
  name: string,
  startedAt: number,
  centraRequests: ReadonlyArray<{ time: number; operationName: string | null; status: number }>,
  pushes: ReadonlyArray<{ at: number; type?: string | undefined; records: number; status: number }>,
): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const trace = {
    centra: centraRequests.map((r) => ({ ms: r.time - startedAt, operation: r.operationName, status: r.status })),
    ometria: pushes.map((p) => ({ ms: p.at - startedAt, type: p.type ?? null, records: p.records, status: p.status })),
  };
  writeFileSync(file, `${JSON.stringify(trace, null, 1)}\n`);
  console.log(`remote-latency: trace written to ${file}`);
}
