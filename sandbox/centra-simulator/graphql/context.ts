import type { SimData } from '../data/sim-data.js';
import type { SimSchemaMode } from './schema.js';

/** What every resolver gets as graphql-js `contextValue`. */
export interface SimContext {
  data: SimData;
  defaultLimit: number;
  /** Which schema is served; in `lean` a stored enum value the schema lacks is read as null (field-resolver.ts). */
  schemaMode: SimSchemaMode;
}
