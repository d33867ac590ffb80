/** Random ids for events, visitors and tabs. */

/**
 * RFC 4122 v4 UUID: crypto.randomUUID (secure contexts only), else bytes from one getRandomValues call, else
 * Math.random. One getRandomValues call per id, not one per hex digit: outside secure contexts the id was most of a
 * tracker call's cost.
 */
export const uuid = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    // not a secure context, or no crypto
  }
  let b: ArrayLike<number> = [];
  try {
    b = crypto.getRandomValues(new Uint8Array(31));
  } catch {
    // no crypto: Math.random below
  }
  let i = 0;
  // each 0/1/8 becomes a random hex digit; the 4 (version) stays, 8 keeps the variant bits 10xx
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ ((b[i++] ?? Math.random() * 256) & (15 >> (+c / 4)))).toString(16));
};
