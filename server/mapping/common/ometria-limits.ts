/** Ometria field limits this mapping cuts to (docs/design.md O5–O8); the closed schemas in shared/schemas enforce them. */

/** contact and order-customer first and last names (docs/design.md O5). */
export const NAME_MAX_LENGTH = 64;

/** product and line-item titles (docs/design.md O7). */
export const TITLE_MAX_LENGTH = 140;

/** order payment_method and shipping_method (docs/design.md O6). */
export const METHOD_MAX_LENGTH = 32;
