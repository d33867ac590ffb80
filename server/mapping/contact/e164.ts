/** E.164: '+', a country code not starting with 0, 7 to 15 digits in all; the limit shared/schemas enforces. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The phone number when it is already E.164, else undefined. Not repaired: turning a local number into E.164
 * needs the country and numbering plan, and a wrong guess would send SMS to someone else.
 */
export function e164OrUndefined(phone: string | null | undefined): string | undefined {
  const trimmed = phone?.trim();
  return trimmed && E164.test(trimmed) ? trimmed : undefined;
}
