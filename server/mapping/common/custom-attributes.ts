import type { CentraAttribute } from '../../centra/products/centra-product.js';
import type { OmetriaProduct } from '../../ometria/ometria-records.js';

/** One attribute of an Ometria product record. */
export type OmetriaAttribute = NonNullable<OmetriaProduct['attributes']>[number];

/** A Centra dynamic attribute sent to Ometria as a product attribute, e.g. material. */
export interface CustomAttributeRule {
  /** Centra attribute type name, e.g. `pr_material`. */
  centraType: string;
  /** Only this element of the attribute; default: every element with a value. */
  elementKey?: string;
  /** Ometria attribute `type`, e.g. `material`; also the prefix of the attribute id. */
  ometriaType: string;
}

/**
 * [INF] Centra returns a choice element's machine value as `selectedValue` and its display name as
 * `selectedValueName`, and a text element's value as `value`; a multi-choice is read as one value.
 * A variant's attribute wins over its product's attribute of the same type (variant = colour level).
 */
export function customAttributes(
  variantAttributes: readonly CentraAttribute[],
  productAttributes: readonly CentraAttribute[],
  rules: readonly CustomAttributeRule[],
): OmetriaAttribute[] {
  const out = new Map<string, OmetriaAttribute>();
  for (const rule of rules) {
    const attribute = [...variantAttributes, ...productAttributes].find((a) => a.type.name === rule.centraType);
    for (const element of attribute?.elements ?? []) {
      if (rule.elementKey !== undefined && element.key !== rule.elementKey) continue;
      const value = (element.selectedValue ?? element.value)?.trim();
      if (!value) continue;
      const id = `${rule.ometriaType}:${value}`;
      out.set(id, { type: rule.ometriaType, id, label: element.selectedValueName?.trim() || value });
    }
  }
  return [...out.values()];
}
