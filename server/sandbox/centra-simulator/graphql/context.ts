import type { SimData } from '../data/sim-data.js';

/** What every resolver gets as graphql-js `contextValue`. */
export interface SimContext {
  data: SimData;
  defaultLimit: number;
}
