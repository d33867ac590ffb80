/**
 * Epoch ms → a Centra DateTimeTz input in UTC, whole seconds (`2024-06-03T16:00:00+00:00`), the form Centra
 * itself prints. Cut down, never rounded up, so a watermark never skips the second it names.
 */
export function centraTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}
