/** Ometria field limits this mapping cuts to (ometria.md §2); the closed schemas in shared/schemas enforce them. */

/** contact and order-customer first and last names (ometria.md §2.1). */
export const NAME_MAX_LENGTH = 64;

/** product and line-item titles (ometria.md §2.3). */
export const TITLE_MAX_LENGTH = 140;

/** order payment_method and shipping_method (ometria.md §2.2). */
export const METHOD_MAX_LENGTH = 32;
