import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Per process: both sides are hashed with it, so the comparison leaks neither content nor length. */
const COMPARE_KEY = randomBytes(32);

const digest = (value: string) => createHmac('sha256', COMPARE_KEY).update(value, 'utf8').digest();

/** Constant-time equality of a presented secret and the expected one, whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
