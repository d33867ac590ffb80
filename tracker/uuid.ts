/** Random ids for events, visitors and tabs. */

const randomByte = (): number => {
  try {
    return crypto.getRandomValues(new Uint8Array(1))[0]!;
  } catch {
    return (Math.random() * 256) | 0;
  }
};

/** RFC 4122 v4 UUID: crypto.randomUUID (secure contexts only), else getRandomValues, else Math.random. */
export const uuid = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (randomByte() & (15 >> (+c / 4)))).toString(16));
  }
};
