import { METHOD_MAX_LENGTH } from '../common/ometria-limits.js';
import { cleanText } from '../common/text.js';

/** A Centra payment or shipping option `uri` (already a stable slug) cut to Ometria's limit; undefined when blank. */
export function methodSlug(uri: string | null | undefined): string | undefined {
  return cleanText(uri, METHOD_MAX_LENGTH);
}
