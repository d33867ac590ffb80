import { describe, expect, it } from 'vitest';
import { bindValues, rewritePlaceholders } from '../../server/store/sql/postgres-placeholders.js';

describe('rewriting placeholders for PostgreSQL', () => {
  it('numbers positional ? in order', () => {
    expect(rewritePlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
      names: null,
      positional: 3,
    });
  });

  it('gives each @name one $n, reused where the name repeats', () => {
    expect(rewritePlaceholders('UPDATE t SET a = @now, b = @b_2 WHERE c < @now')).toEqual({
      text: 'UPDATE t SET a = $1, b = $2 WHERE c < $1',
      names: ['now', 'b_2'],
      positional: 0,
    });
  });

  it('leaves literals, quoted identifiers, comments and dollar-quoted bodies alone', () => {
    const sql = `SELECT 'a ? @b ''@c?''', "we?ird@col", $$ ? @x $$, $f$ @y ? $f$ -- ? @z
      /* @w ? */ FROM t WHERE x = @v`;
    const out = rewritePlaceholders(sql);
    expect(out.names).toEqual(['v']);
    expect(out.text).toBe(sql.replace('@v', '$1'));
  });

  it('keeps @@, :: casts and $n-like text that is no placeholder', () => {
    expect(rewritePlaceholders('SELECT v @@ to_tsquery(@q), @x::text, a@@b, col$1 FROM t').text).toBe(
      'SELECT v @@ to_tsquery($1), $2::text, a@@b, col$1 FROM t',
    );
  });

  it('refuses a statement mixing both styles', () => {
    expect(() => rewritePlaceholders('SELECT @a, ?')).toThrow(/mixes/);
  });

  it('binds values by name or position and refuses what better-sqlite3 would', () => {
    const named = rewritePlaceholders('SELECT @a, @b, @a');
    expect(bindValues(named, { b: 2, a: 1, extra: 3 })).toEqual([1, 2]);
    expect(bindValues(named, { a: null, b: undefined })).toEqual([null, undefined]);
    expect(() => bindValues(named, { a: 1 })).toThrow(/@b/);
    expect(() => bindValues(named, [1, 2])).toThrow(/named/);
    const positional = rewritePlaceholders('SELECT ?, ?');
    expect(bindValues(positional, ['x', 'y'])).toEqual(['x', 'y']);
    expect(() => bindValues(positional, ['x'])).toThrow(/2 positional/);
    expect(bindValues(rewritePlaceholders('SELECT 1'), undefined)).toEqual([]);
  });
});
