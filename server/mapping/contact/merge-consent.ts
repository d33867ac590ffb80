import { NO_CONSENT, timeOf, type ConsentState } from './consent-state.js';

/**
 * One consent from many statements: every Centra customer with one email, each of their consent fields, and the
 * last state Ometria learned from us (so a stale opt-in arriving late cannot undo an opt-out we sent).
 * Rules: unknown says nothing and never becomes an opt-in; the latest dated statement wins; a tie goes to the
 * opt-out; an opt-in without a date never beats an opt-out; an opt-out without a date is never beaten.
 */
export function mergeConsent(states: ReadonlyArray<ConsentState | undefined>): ConsentState {
  const known = states.filter((s): s is ConsentState => s !== undefined && s.state !== 'unknown');
  const outs = known.filter((s) => s.state === 'out');
  const ins = known.filter((s) => s.state === 'in');
  const undatedOut = earliestSource(outs.filter((s) => timeOf(s) === undefined));
  const latestOut = undatedOut ?? latest(outs);
  const latestIn = latest(ins) ?? earliestSource(ins);
  if (!latestOut) return latestIn ?? firstUnknown(states);
  if (!latestIn) return latestOut;
  const inAt = timeOf(latestIn);
  const outAt = timeOf(latestOut);
  // Only a strictly later dated opt-in beats the opt-out; an undated one on either side keeps the opt-out.
  return inAt !== undefined && outAt !== undefined && inAt > outAt ? latestIn : latestOut;
}

/** The latest dated state; equal instants are decided by source so the result does not depend on input order. */
function latest(states: ConsentState[]): ConsentState | undefined {
  const dated = states.filter((s) => timeOf(s) !== undefined);
  const top = Math.max(...dated.map((s) => timeOf(s)!));
  return earliestSource(dated.filter((s) => timeOf(s) === top));
}

function earliestSource(states: ConsentState[]): ConsentState | undefined {
  return [...states].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))[0];
}

/** Nothing known: named after the first source; an unknown state has no time. */
function firstUnknown(states: ReadonlyArray<ConsentState | undefined>): ConsentState {
  const first = earliestSource(states.filter((s): s is ConsentState => s !== undefined));
  if (!first) return NO_CONSENT;
  return first.customerId === undefined ? { state: 'unknown', source: first.source } : { state: 'unknown', source: first.source, customerId: first.customerId };
}
