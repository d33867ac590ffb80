import type { SimAddress, SimDate, SimRef } from './common.js';

export interface SimNewsletterSubscription {
  id: number;
  email?: string | null;
  isActive?: boolean | null;
  createdAt?: SimDate | null;
  country?: { id: number; code: string } | null;
  store?: SimRef | null;
}

export interface SimConsent {
  key?: string | null;
  name?: string | null;
  consented?: boolean | null;
  text?: string | null;
  version?: string | null;
  createdAt?: SimDate | null;
  updatedAt?: SimDate | null;
}

/** One email may belong to two customers (a registered one and a guest), as in Centra. */
export interface SimCustomer {
  id: number;
  email: string | null;
  firstName?: string | null;
  lastName?: string | null;
  gender?: string | null;
  phoneNumber?: string | null;
  billingAddress?: SimAddress | null;
  store?: SimRef | null;
  market?: SimRef | null;
  pricelist?: SimRef | null;
  /** Computed from the order table when left out. */
  totalOrders?: number | null;
  createdAt: SimDate;
  updatedAt: SimDate;
  isRegistered: boolean;
  /** Consent field names are guesses in the SDL [INF]. */
  newsletter?: boolean | null;
  newsletterSubscriptions?: SimNewsletterSubscription[];
  consents?: SimConsent[];
}
