import { METHOD_MAX_LENGTH } from './ometria-limits.js';
import { cleanText } from './text.js';

/** A Centra payment or shipping option `uri` (already a stable slug) cut to Ometria's limit; undefined when blank. */
export function methodSlug(uri: string | null | undefined): string | undefined {
  return cleanText(uri, METHOD_MAX_LENGTH);
}
