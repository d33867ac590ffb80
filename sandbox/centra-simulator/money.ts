import type { SimCurrency, SimMoney } from './types/index.js';

/** Currency ids are the simulator's own; Centra numbers currencies per instance. */
export const CURRENCIES: Readonly<Record<string, SimCurrency>> = {
  GBP: { id: 1, code: 'GBP', name: 'Pound sterling' },
  SEK: { id: 2, code: 'SEK', name: 'Swedish krona' },
  EUR: { id: 3, code: 'EUR', name: 'Euro' },
  USD: { id: 4, code: 'USD', name: 'US dollar' },
};

export function currency(code: string): SimCurrency {
  return CURRENCIES[code] ?? { id: 900 + code.charCodeAt(0), code, name: code };
}

/** Two decimals for every currency, as Centra's MonetaryValue shows them (e.g. "700.00 SEK"). */
export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;

export function simMoney(value: number, code: string | SimCurrency = 'GBP'): SimMoney {
  const cur = typeof code === 'string' ? currency(code) : code;
  const v = round2(value);
  return { value: v, currency: cur, formattedValue: `${v.toFixed(2)} ${cur.code}` };
}
