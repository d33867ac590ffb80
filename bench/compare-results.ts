/**
 * `npm run bench -- --compare <previous results file>`: each figure of this run against the figure of the same name
 * in the previous file, old → new and the change in %, with a regression flagged when the change in the bad
 * direction (goal.ts betterOf) exceeds REGRESSION. Figures without a direction are shown, never flagged.
 */
import { betterOf, toGoal, type Better, type Goal } from './goal.js';

/** A change in the bad direction larger than this share of the old value is a regression (issue 17: 10 %). */
export const REGRESSION = 0.1;

export interface Comparable {
  name: string;
  value: number;
  unit: string;
  goal?: Goal | string;
  better?: Better;
}

export interface Change {
  name: string;
  unit: string;
  old: number;
  new: number;
  /** (new − old) / old; Infinity when old was 0 and new is not, 0 when both are. */
  change: number;
  better?: Better;
  regression: boolean;
}

export interface Comparison {
  changes: Change[];
  /** In this run only. */
  added: string[];
  /** In the previous run only (a part not run this time, or a renamed figure). */
  missing: string[];
}

const relative = (old: number, now: number): number => (old == 0 ? (now == 0 ? 0 : Infinity * Math.sign(now)) : (now - old) / Math.abs(old));

/** Matches by name; the direction comes from this run's figure (its goal or unit), else the previous one's. */
export function compareFigures(previous: Comparable[], current: Comparable[]): Comparison {
  const before = new Map(previous.map((f) => [f.name, f]));
  const changes: Change[] = [];
  const added: string[] = [];
  for (const f of current) {
    const p = before.get(f.name);
    if (!p) {
      added.push(f.name);
      continue;
    }
    const change = relative(p.value, f.value);
    const better = betterOf({ unit: f.unit, better: f.better, goal: toGoal(f.goal) }) ?? betterOf({ unit: p.unit, better: p.better, goal: toGoal(p.goal) });
    const bad = better == 'higher' ? -change : better == 'lower' ? change : 0;
    changes.push({ name: f.name, unit: f.unit, old: p.value, new: f.value, change, better, regression: bad > REGRESSION });
  }
  const names = new Set(current.map((f) => f.name));
  return { changes, added, missing: previous.filter((f) => !names.has(f.name)).map((f) => f.name) };
}

const percent = (c: number): string => (Number.isFinite(c) ? `${c >= 0 ? '+' : ''}${(c * 100).toFixed(1)} %` : c > 0 ? 'new non-zero' : 'n/a');

/** The comparison as printable lines, regressions marked with ✗. */
export function comparisonLines(c: Comparison, against: string): string[] {
  const width = Math.max(0, ...c.changes.map((x) => x.name.length));
  const lines = [`\nagainst ${against}:\n`];
  for (const x of c.changes) {
    const flag = x.regression ? `  regression (${x.better} is better)` : '';
    lines.push(
      `${x.regression ? '✗' : ' '} ${x.name.padEnd(width)}  ${String(x.old).padStart(10)} → ${String(x.new).padEnd(10)} ${x.unit.padEnd(11)} ${percent(x.change).padStart(9)}${flag}`,
    );
  }
  if (c.added.length) lines.push(`\nnot in the previous run: ${c.added.join('; ')}`);
  // with --only most of a full run is missing: a count, not a page of names
  const missing =
    c.missing.length > 3 ? `${c.missing.length} figures (parts not run, or renamed), e.g. ${c.missing.slice(0, 3).join('; ')}` : c.missing.join('; ');
  if (c.missing.length) lines.push(`not in this run: ${missing}`);
  const regressions = c.changes.filter((x) => x.regression).length;
  lines.push(`\n${regressions} regression${regressions == 1 ? '' : 's'} over ${REGRESSION * 100} %`);
  return lines;
}
