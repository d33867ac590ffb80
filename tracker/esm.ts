/**
 * ESM entry for bundlers (`import … from 'centra-ometria'`, dist/tracker.esm.js): nothing runs on import.
 *   import { install } from 'centra-ometria';
 *   install({ endpoint: 'https://companion.example.com/collect', store: 'example.com/uk', requireConsent: true });
 * install() sets window.centraOmetria and replays calls queued by the snippet's stub; createTracker() only
 * returns a tracker.
 */
export { createTracker } from './create-tracker.js';
export { install } from './install.js';
export type * from './types.js';
export type * from '../shared/tracker-event-types.js';
