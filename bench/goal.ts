/**
 * A figure's goal in a machine-checkable form, and which direction of change is better. The goal table of
 * issue 17 and docs/performance.md is the source of the values; report.ts decides `met` with goalMet.
 */

export interface Goal {
  op: '>=' | '<=' | '=';
  value: number;
  /** What the goal means beyond the number (e.g. 'budget 5120'), printed after it. */
  text?: string;
}

export type Better = 'higher' | 'lower';

export const atLeast = (value: number, text?: string): Goal => ({ op: '>=', value, ...(text ? { text } : {}) });
export const atMost = (value: number, text?: string): Goal => ({ op: '<=', value, ...(text ? { text } : {}) });
export const exactly = (value: number, text?: string): Goal => ({ op: '=', value, ...(text ? { text } : {}) });

const OPS: Record<string, Goal['op']> = { '≥': '>=', '>=': '>=', '≤': '<=', '<=': '<=', '=': '=', '': '=' };

/**
 * A goal written as text ('≥ 0.75', '<= 50', '= 100', '100 (all)'): the leading comparison and number, the rest
 * kept as text. Undefined when there is no leading number, so the figure is reported without `met`.
 */
export function parseGoal(text: string): Goal | undefined {
  const m = /^\s*(≥|>=|≤|<=|=)?\s*(-?[\d,]*\.?\d+)\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[2]!.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const rest = m[3]!.trim().replace(/^\((.*)\)$/, '$1');
  return { op: OPS[m[1] ?? '']!, value, ...(rest ? { text: rest } : {}) };
}

/** The typed form of a figure's goal, whichever way the bench wrote it. */
export const toGoal = (goal: Goal | string | undefined): Goal | undefined => (typeof goal == 'string' ? parseGoal(goal) : goal);

/** Whether a measured value meets the goal; '=' allows no tolerance (goals of that kind are counts). */
export function goalMet(goal: Goal, value: number): boolean {
  if (goal.op == '>=') return value >= goal.value;
  if (goal.op == '<=') return value <= goal.value;
  return value == goal.value;
}

export const goalText = (goal: Goal): string => `${goal.op == '>=' ? '≥' : goal.op == '<=' ? '≤' : '='} ${goal.value}${goal.text ? ` (${goal.text})` : ''}`;

/** Units whose larger values are better; those in LOWER_UNITS are better smaller; any other unit has no direction. */
const HIGHER_UNITS = new Set(['req/s', 'orders/s', 'ratio', 'orders/req', 'records/req', '%']);
const LOWER_UNITS = new Set(['ms', 's', 'µs', 'MiB', 'bytes']);

/**
 * Which direction of change is better: the figure's own `better`, else the goal's comparison, else the unit's
 * convention (throughput higher; time, memory and bytes lower). Undefined for counts with no goal.
 */
export function betterOf(figure: { unit: string; better?: Better; goal?: Goal }): Better | undefined {
  if (figure.better) return figure.better;
  if (figure.goal?.op == '>=') return 'higher';
  if (figure.goal?.op == '<=') return 'lower';
  if (HIGHER_UNITS.has(figure.unit)) return 'higher';
  if (LOWER_UNITS.has(figure.unit)) return 'lower';
  return undefined;
}
