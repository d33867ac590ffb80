/** Push instructions, not data: they are not stored nor returned by the read endpoints [INF]. */
const DIRECTIVES = ['@merge', '@force_optin', '@add_to_lists', '@remove_from_lists'];

type Rec = Record<string, unknown>;

/**
 * Ometria's upsert (docs/design.md O4): without `@merge` the record replaces the stored one [INF: the
 * docs say a blank field "may or may not" clear]; with `@merge: true` absent top-level fields are
 * kept and present ones replaced whole, so product `attributes` (and nested objects [INF]) are
 * replaced wholesale.
 */
export function mergeRecord(stored: Rec | undefined, incoming: Rec): Rec {
  const data = Object.fromEntries(Object.entries(incoming).filter(([k]) => !DIRECTIVES.includes(k)));
  return incoming['@merge'] === true && stored ? { ...stored, ...data } : data;
}
