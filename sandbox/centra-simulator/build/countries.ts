import type { SimCountry } from '../types/index.js';

/** Country records the seeds and factories share (ids are the simulator's own). */
export const COUNTRIES = {
  GB: { id: 1, code: 'GB', name: 'United Kingdom' },
  SE: { id: 2, code: 'SE', name: 'Sweden' },
  DE: { id: 3, code: 'DE', name: 'Germany' },
  US: { id: 4, code: 'US', name: 'United States' },
} as const satisfies Record<string, SimCountry>;
