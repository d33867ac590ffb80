/** Ometria attribute ids for Centra taxonomies (docs/design.md D2). Zod-free: the tracker bundles this. */
export type AttributeKind = 'collection' | 'category' | 'brand';

const KINDS: readonly AttributeKind[] = ['collection', 'category', 'brand'];

export function attributeId(kind: AttributeKind, centraId: string | number): string {
  return `${kind}:${String(centraId).trim()}`;
}

export const collectionAttributeId = (id: string | number): string => attributeId('collection', id);
export const categoryAttributeId = (id: string | number): string => attributeId('category', id);
export const brandAttributeId = (id: string | number): string => attributeId('brand', id);

/** Inverse of attributeId; undefined for anything that is not one of ours. */
export function parseAttributeId(value: string): { kind: AttributeKind; id: string } | undefined {
  const colon = value.indexOf(':');
  if (colon < 1) return undefined;
  const kind = value.slice(0, colon).trim() as AttributeKind;
  const id = value.slice(colon + 1).trim();
  return KINDS.includes(kind) && id.length > 0 ? { kind, id } : undefined;
}
