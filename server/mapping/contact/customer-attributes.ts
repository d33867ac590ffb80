import type { CentraAttribute, CentraCustomer } from '../../centra/customers/centra-customer.js';

/**
 * [INF] How a Centra custom attribute is named in CUSTOMER_ATTRIBUTE_MAP: `<attribute type name>.<element key>`
 * (e.g. `loyalty.level`). Centra does not document a flat name for Integration API attributes.
 */
export function attributeKey(typeName: string, elementKey: string): string {
  return `${typeName.trim()}.${elementKey.trim()}`;
}

/**
 * [INF] An element's value: a text element's `value`, a choice's readable `selectedValueName` (else its raw
 * `selectedValue`), so segments read "Gold", not an option id. Blank is absent.
 */
export function attributeValue(element: CentraAttribute['elements'][number]): string | undefined {
  const value = element.value ?? element.selectedValueName ?? element.selectedValue;
  return value?.trim() || undefined;
}

/** One record's attribute values by attributeKey; the first element with a key wins if Centra repeats one. */
export function attributeValues(customer: CentraCustomer): Map<string, string> {
  const values = new Map<string, string>();
  for (const attribute of customer.attributes ?? []) {
    for (const element of attribute.elements) {
      const key = attributeKey(attribute.type.name, element.key);
      const value = attributeValue(element);
      if (value !== undefined && !values.has(key)) values.set(key, value);
    }
  }
  return values;
}
