/**
 * JSON as PHP's `json_encode` writes it with default flags: `/` escaped as `\/` and non-ASCII as
 * `\uXXXX` (UTF-16 units). [INF] Centra is PHP: its POS example shows `"Europe\/Stockholm"`.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
