import { e164OrUndefined } from './e164.js';

/** Spaces, dots, dashes and brackets people type inside a number. */
const FORMATTING = /[\s.\-()]/g;

/**
 * The phone in E.164, or undefined. An international number typed with formatting (`+44 7700 900123`) is the
 * same number without it, so the formatting is removed; a number without `+` is dropped (its country is a guess).
 */
export function customerPhone(phone: string | null | undefined): string | undefined {
  const trimmed = phone?.trim();
  if (!trimmed?.startsWith('+')) return undefined;
  return e164OrUndefined(trimmed.replace(FORMATTING, ''));
}
