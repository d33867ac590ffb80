import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { betterOf, goalMet, goalText, toGoal, type Better, type Goal } from './goal.js';

/** One measured figure as a bench part returns it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Typed (atLeast/atMost/exactly in goal.ts), or text such as '≥ 0.75' that parseGoal reads. */
  goal?: Goal | string;
  /** For figures without a '≥'/'≤' goal whose unit does not say (goal.ts betterOf). */
  better?: Better;
  how: string;
  errors?: number;
}

/** A figure as written to bench/results: the goal typed, whether it was met, and which direction is better. */
export interface ReportedFigure extends Omit<Figure, 'goal'> {
  goal?: Goal;
  /** Absent when the figure has no machine-checkable goal. */
  met?: boolean;
}

export function machine() {
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** The one place a figure's goal is typed and `met` decided. */
export function evaluate(figure: Figure): ReportedFigure {
  const goal = toGoal(figure.goal);
  const better = betterOf({ unit: figure.unit, better: figure.better, goal });
  const { goal: _written, ...rest } = figure;
  return { ...rest, ...(goal ? { goal, met: goalMet(goal, figure.value) } : {}), ...(better ? { better } : {}) };
}

/** ✓ met, ✗ missed, blank without a goal. */
export const mark = (f: ReportedFigure): string => (f.met === undefined ? ' ' : f.met ? '✓' : '✗');

/** The table row of one figure. */
export function row(f: ReportedFigure, width: number): string {
  const goal = f.goal ? `  goal ${goalText(f.goal)}` : '';
  const errors = f.errors ? `  (${f.errors} errors)` : '';
  return `${mark(f)} ${f.name.padEnd(width)}  ${String(f.value).padStart(10)} ${f.unit}${goal}${errors}`;
}

/** One table on stdout and the same figures as JSON (bench/results/latest.json); returns what was written. */
export function report(figures: Figure[], file: string): ReportedFigure[] {
  const m = machine();
  const reported = figures.map(evaluate);
  const width = Math.max(...reported.map((f) => f.name.length));
  console.log(`\nmachine: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}\n`);
  for (const f of reported) console.log(row(f, width));
  const withGoal = reported.filter((f) => f.met !== undefined);
  console.log(`\ngoals met: ${withGoal.filter((f) => f.met).length} of ${withGoal.length}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: m, figures: reported }, null, 2)}\n`);
  console.log(`written to ${file}`);
  return reported;
}
