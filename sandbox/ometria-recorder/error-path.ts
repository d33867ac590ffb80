/** Ometria's `error_path` style, e.g. `root > lineitems > 0 > product_id` (list-errors docs; index format [INF]). */
export const formatErrorPath = (segments: readonly (string | number)[]): string => ['root', ...segments.map(String)].join(' > ');

/**
 * Splits a `checkOmetriaRecord` reason (`lineitems.0.product_id: message`) into path and message.
 * A reason without that prefix is reported at the root, so a format change degrades, never fails.
 */
export function splitReason(reason: string): { path: string[]; message: string } {
  const match = /^([^\s:]+): ([\s\S]+)$/.exec(reason);
  if (!match?.[1] || !match[2]) return { path: [], message: reason };
  return { path: match[1] === 'record' ? [] : match[1].split('.'), message: match[2] };
}
