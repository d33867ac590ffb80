/**
 * The consent gate (`data-require-consent`, `consent(granted)`). The choice is stored, so it holds on later pages.
 * Before consent, events are held in memory only (bounded, lost with the page) and released in order on consent;
 * withdrawing consent drops them and has the caller forget everything stored.
 */
import type { TrackerEvent } from '../shared/tracker-event-types.js';
import { MAX_QUEUE } from './queue.js';
import { CONSENT_KEY, type Store } from './storage.js';

export type Consent = [
  granted: () => boolean,
  /** Passes the event on now, or holds it until consent. */
  pass: (e: TrackerEvent) => void,
  /** `true` (or 'true') grants; anything else withdraws. */
  choose: (g: unknown) => void,
];

export const consentGate = ([get, set]: Store, required: boolean | undefined, emit: (e: TrackerEvent) => void, forget: () => void): Consent => {
  const stored = get(CONSENT_KEY);
  let granted = stored == '1' || (!required && stored != '0');
  let held: TrackerEvent[] = [];
  return [
    () => granted,
    (e) => {
      if (granted) emit(e);
      else if (held.push(e) > MAX_QUEUE) held.shift();
    },
    (g) => {
      if (g === true || g === 'true') {
        set(CONSENT_KEY, '1');
        granted = true;
        held.splice(0).forEach(emit);
      } else {
        granted = false;
        held = [];
        forget();
        set(CONSENT_KEY, '0');
      }
    },
  ];
};
