/** Fraction digits per currency, cached: Intl lookups are slow and the answer never changes in a process. */
const digitsCache = new Map<string, number>();

/** Minor units of an ISO-4217 currency from the runtime's ICU data (JPY 0, GBP 2, KWD 3). RangeError if malformed. */
export function minorUnits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    digits = options.maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Rounds half away from zero to the currency's minor units. toPrecision(15) first removes binary noise
 * (1.005 × 100 = 100.49999…) so that amounts Centra printed with these digits survive unchanged.
 */
export function roundMoney(value: number, currency: string): number {
  const factor = 10 ** minorUnits(currency);
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor + 0; // + 0 turns -0 into 0
}

/** Rounded sum of the amounts Centra returned; undefined when it returned none, so no zero is invented. */
export function sumMoney(currency: string, ...amounts: Array<{ value: number } | null | undefined>): number | undefined {
  const present = amounts.filter((a): a is { value: number } => a != null);
  if (present.length === 0) return undefined;
  return roundMoney(
    present.reduce((sum, a) => sum + a.value, 0),
    currency,
  );
}
