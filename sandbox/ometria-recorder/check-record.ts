import { checkOmetriaRecord, MAX_RECORD_BYTES, type OmetriaRecord } from '../../server/ometria/ometria-records.js';
import type { OpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { formatErrorPath, splitReason } from './error-path.js';
import type { PushError } from './push-errors.js';

/** Ometria's documented message for the 60 KB per-record limit (docs/design.md O1). */
export const RECORD_TOO_LARGE = 'Payload invalid: Record is too large.';

/**
 * The recorder's asynchronous validation of one record: size, Ometria's OpenAPI schema, then our
 * stricter closed schemas, so a record we would never send is also one the recorder refuses.
 * Returns the first failure only: one error per rejected record [INF].
 */
export function checkPushedRecord(record: Record<string, unknown>, openApi: OpenApiValidator): PushError | undefined {
  if (Buffer.byteLength(JSON.stringify(record)) > MAX_RECORD_BYTES) {
    return { error_message: RECORD_TOO_LARGE, error_path: formatErrorPath([]) };
  }
  const [issue] = openApi.issues(record);
  if (issue) return { error_message: issue.message, error_path: formatErrorPath(issue.path) };
  const checked = checkOmetriaRecord(record as unknown as OmetriaRecord);
  if (checked.ok) return undefined;
  const { path, message } = splitReason(checked.reason);
  return { error_message: message, error_path: formatErrorPath(path) };
}
