import type { SimCountry, SimCurrency, SimRef, SimStatus, SimStoreType } from './common.js';

/** Set-up data: stores, markets, pricelists and the taxonomies products hang on. */
export interface SimStore {
  id: number;
  name: string | null;
  type: SimStoreType;
}

export interface SimMarket {
  id: number;
  name: string | null;
  store?: SimRef | null;
  assignedToCountries: SimCountry[];
}

export interface SimPricelist {
  id: number;
  name: string | null;
  status: SimStatus;
  currency: SimCurrency;
  assignedToCountries: SimCountry[];
  store?: SimRef | null;
}

export interface SimBrand {
  id: number;
  name: string | null;
}

export interface SimCollection {
  id: number;
  name: string | null;
  status?: SimStatus | null;
  totalProducts?: number | null;
}

export interface SimCategory {
  id: number;
  name: string | null;
  uri: string | null;
  metaDescription?: string | null;
  isTopCategory: boolean;
  childCategories: SimRef[];
  parentCategory?: SimRef | null;
  store?: SimRef | null;
}
