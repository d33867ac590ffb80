/** Random ids for events, visitors and tabs. */

/**
 * RFC 4122 v4 UUID: crypto.randomUUID (secure contexts only), else 16 bytes from one getRandomValues call, else
 * Math.random. One call, not one per hex digit: outside secure contexts the id was most of a tracker call's cost.
 */
export const uuid = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    // not a secure context, or no crypto
  }
  let b: Uint8Array | number[];
  try {
    b = crypto.getRandomValues(new Uint8Array(16));
  } catch {
    b = [];
    for (let i = 0; i < 16; i++) b[i] = (Math.random() * 256) | 0;
  }
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  let s = '';
  for (let i = 0; i < 16; i++) s += (i == 4 || i == 6 || i == 8 || i == 10 ? '-' : '') + (b[i]! + 256).toString(16).slice(1);
  return s;
};
