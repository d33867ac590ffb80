import { shiftToOffset } from '../sim-time.js';

/**
 * The subset of PHP `date()` syntax Centra's `(format: "…")` date arguments take, e.g.
 * `Y-m-d\TH:i:sO`. Unknown letters are copied, as PHP copies characters it has no meaning for.
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function zone(offsetMinutes: number, colon: boolean): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

export function formatPhpDate(ms: number, offsetMinutes: number, format: string): string {
  const d = shiftToOffset(ms, offsetMinutes);
  const tokens: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => pad(d.getUTCFullYear() % 100),
    m: () => pad(d.getUTCMonth() + 1),
    n: () => String(d.getUTCMonth() + 1),
    M: () => MONTHS[d.getUTCMonth()]!,
    d: () => pad(d.getUTCDate()),
    j: () => String(d.getUTCDate()),
    D: () => DAYS[d.getUTCDay()]!,
    H: () => pad(d.getUTCHours()),
    G: () => String(d.getUTCHours()),
    i: () => pad(d.getUTCMinutes()),
    s: () => pad(d.getUTCSeconds()),
    v: () => pad(d.getUTCMilliseconds(), 3),
    u: () => `${pad(d.getUTCMilliseconds(), 3)}000`,
    O: () => zone(offsetMinutes, false),
    P: () => zone(offsetMinutes, true),
    Z: () => String(offsetMinutes * 60),
    U: () => String(Math.floor(ms / 1000)),
    c: () => formatPhpDate(ms, offsetMinutes, 'Y-m-d\\TH:i:sP'),
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\' && i + 1 < format.length) out += format[++i];
    else out += tokens[ch]?.() ?? ch;
  }
  return out;
}

/** The offset a stored date string carries (`+01:00`); `Z` and none mean the store's, as on output. */
export function offsetOf(value: string): number | undefined {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(value);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}
