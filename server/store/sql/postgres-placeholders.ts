import type { SqlParams } from './sql.js';

/** A statement rewritten for PostgreSQL: `$n` placeholders, and which parameter each `$n` takes. */
export interface Rewritten {
  text: string;
  /** Named style: the name behind `$1`, `$2`, … (a name used twice is one `$n`). Null for positional `?`. */
  names: readonly string[] | null;
  /** Positional style: how many `?` there were. */
  positional: number;
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

/**
 * Rewrites the `@name` and `?` placeholders that better-sqlite3 takes into PostgreSQL's `$n`. Leaves string
 * literals, quoted identifiers, comments and dollar-quoted bodies alone, and does not take `@@` (text search) or
 * `::` casts for placeholders. Limit: PostgreSQL's jsonb `?` operators cannot be written (they would be taken
 * for placeholders); use `jsonb_exists` instead.
 */
export function rewritePlaceholders(sql: string): Rewritten {
  let out = '';
  const names: string[] = [];
  let positional = 0;
  let i = 0;
  const copyUntil = (end: number) => {
    out += sql.slice(i, end);
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      copyUntil(closingQuote(sql, i, c));
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      copyUntil(end === -1 ? sql.length : end);
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      copyUntil(end === -1 ? sql.length : end + 2);
    } else if (c === '$' && /[A-Za-z_$]/.test(next ?? '') && !IDENTIFIER_PART.test(sql[i - 1] ?? '')) {
      copyUntil(dollarQuoteEnd(sql, i));
    } else if (c === '?') {
      positional++;
      out += `$${positional}`;
      i++;
    } else if (c === '@' && next !== undefined && IDENTIFIER_START.test(next) && sql[i - 1] !== '@') {
      let end = i + 2;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end]!)) end++;
      const name = sql.slice(i + 1, end);
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      out += `$${index + 1}`;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  if (names.length > 0 && positional > 0) throw new Error(`SQL mixes @name and ? placeholders: ${sql}`);
  return { text: out, names: names.length > 0 ? names : null, positional };
}

/** The values for `$1…$n`, in order; like better-sqlite3, a named parameter missing from the object throws. */
export function bindValues(statement: Rewritten, params: SqlParams | undefined): unknown[] {
  if (statement.names) {
    if (params === undefined || Array.isArray(params))
      throw new Error(`SQL takes named parameters (${statement.names.join(', ')}), got ${params === undefined ? 'none' : 'an array'}`);
    const named = params as Readonly<Record<string, unknown>>;
    return statement.names.map((name) => {
      if (!(name in named)) throw new Error(`missing named parameter @${name}`);
      return named[name];
    });
  }
  if (params === undefined) return [];
  if (!Array.isArray(params)) {
    if (statement.positional === 0) return [];
    throw new Error(`SQL takes ${statement.positional} positional parameters, got an object`);
  }
  if (params.length !== statement.positional) throw new Error(`SQL takes ${statement.positional} positional parameters, got ${params.length}`);
  return params as unknown[];
}

/** Index just past the closing quote; a doubled quote inside is an escaped one. */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** Index just past a `$tag$ … $tag$` body, or just past the `$` when this is not an opening tag. */
function dollarQuoteEnd(sql: string, start: number): number {
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start));
  if (!tag) return start + 1;
  const close = sql.indexOf(tag[0], start + tag[0].length);
  return close === -1 ? sql.length : close + tag[0].length;
}
