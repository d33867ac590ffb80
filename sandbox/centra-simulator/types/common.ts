/**
 * Value types shared by every simulator record. Records keep the SDL field names of
 * contracts/centra-integration.graphql so a test reads like the query it answers.
 * Dates are ISO-8601 strings with an offset (`2024-06-03T18:00:00+02:00`); the GraphQL layer
 * re-formats any other parseable date on the way out.
 */
export type SimDate = string;

export interface SimRef {
  id: number;
}

export interface SimCurrency {
  id: number;
  code: string;
  name?: string | null;
}

export interface SimMoney {
  value: number;
  currency: SimCurrency;
  formattedValue: string;
  conversionRate?: number | null;
}

export interface SimCountry {
  id: number;
  code: string;
  name?: string | null;
}

export interface SimCountryState {
  id?: number | null;
  code?: string | null;
  name?: string | null;
}

export interface SimAddress {
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  attention?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  zipCode?: string | null;
  stateOrProvince?: string | null;
  country?: SimCountry | null;
  state?: SimCountryState | null;
  email?: string | null;
  phoneNumber?: string | null;
  cellPhoneNumber?: string | null;
  vatNumber?: string | null;
}

export type SimStatus = 'ACTIVE' | 'INACTIVE';
export type SimStoreType = 'DIRECT_TO_CONSUMER' | 'WHOLESALE';
