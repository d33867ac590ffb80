/**
 * One ID scheme for tracker events and synced records (docs/design.md D2).
 * Zod-free on purpose: the tracker bundles this file.
 *
 * Normalisation rule, defined here only: trim outer whitespace, keep case and inner characters.
 * Centra builds SKUs by concatenation (productNumber + variantNumber + sizeNumber) and returns them
 * unchanged in every API, so changing case or separators would break the match with Centra's own SKUs.
 */
export function normaliseIdPart(raw: string | number): string {
  return String(raw).trim();
}

/** Ometria product id: the style-colour key, what Centra's Checkout API calls the product-level `sku`. */
export function productKey(productNumber: string, variantNumber: string): string {
  return normaliseIdPart(productNumber) + normaliseIdPart(variantNumber);
}

/** Ometria variant id: the full size SKU (`ProductSize.SKU`). */
export function variantKey(sizeSku: string): string {
  return normaliseIdPart(sizeSku);
}
