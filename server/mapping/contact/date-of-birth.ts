/** `YYYY-MM-DD`, optionally followed by a time, whose date part is taken as written (a birthday has no zone). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

/**
 * [INF] Centra has no date-of-birth field; a custom attribute (CUSTOMER_DATE_OF_BIRTH_ATTRIBUTE) may hold one.
 * Only an unambiguous ISO date that is a real calendar date from 1900 on is taken: 03/04/1990 could be either
 * month, so it is left out.
 */
export function dateOfBirth(value: string | undefined): string | undefined {
  const m = DATE.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  const real = check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d;
  return real && y >= 1900 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
