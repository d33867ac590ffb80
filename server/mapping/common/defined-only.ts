/**
 * Drops keys whose value is undefined. Records are hashed as canonical JSON (docs/design.md D9) and compared in
 * tests; an absent field and an undefined one must not differ.
 */
export function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
