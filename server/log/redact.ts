/** Anything shaped like an email address; logs must never carry one (PII). */
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;
const SECRET_KEY = /(token|secret|password|authorization|api[-_]?key|x-ometria-auth|cookie)/i;

export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/** Deep copy with emails masked and secret-named fields removed. Depth-capped: logs are not a data dump. */
export function redactPii(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.map((v) => redactPii(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactPii(v, depth + 1);
  }
  return out;
}
