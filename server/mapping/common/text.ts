/**
 * Cuts to at most `max` UTF-16 units without splitting a character. Zod counts UTF-16 units and ajv counts
 * code points, so a string cut this way passes both limits.
 */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = '';
  for (const char of value) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/** Trimmed text cut to `max`, or undefined for missing or blank values so no empty field is sent. */
export function cleanText(value: string | null | undefined, max?: number): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return max === undefined ? trimmed : truncate(trimmed, max).trimEnd();
}
