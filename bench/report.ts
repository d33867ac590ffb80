import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  how: string;
  errors?: number;
}

export function machine() {
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** One table on stdout and the same figures as JSON (bench/results/latest.json). */
export function report(figures: Figure[], file: string): void {
  const m = machine();
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`\nmachine: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}\n`);
  for (const f of figures) {
    const goal = f.goal ? `  goal ${f.goal}` : '';
    const errors = f.errors ? `  (${f.errors} errors)` : '';
    console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(10)} ${f.unit}${goal}${errors}`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: m, figures }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}
