/**
 * ESM entry for bundlers (dist/tracker.esm.js): nothing runs on import.
 *   import { install } from '<path>/tracker.esm.js';
 *   install({ endpoint: 'https://companion.example.com/collect', store: 'example.com/uk', requireConsent: true });
 * install() sets window.centraOmetria and replays calls queued by the snippet's stub; createTracker() only
 * returns a tracker.
 */
export { createTracker, install } from './core.js';
export type * from './types.js';
export type * from '../shared/tracker-event-types.js';
