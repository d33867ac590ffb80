// V8 heap sizing per command (server/heap-sizing.ts; docs/performance.md, "Memory").
import { describe, expect, it } from 'vitest';
import { commandName } from '../../server/cli/command-name.js';
import { heapFlags, OLD_GENERATION_GROWTH_PERCENT } from '../../server/heap-sizing.js';

const GROWTH = `--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`;

describe('heapFlags', () => {
  it('holds the young generation and slows the old generation’s growth for the service', () => {
    expect(heapFlags('serve', [])).toEqual(['--semi-space-growth-factor=1', GROWTH]);
  });

  it('adds --optimize-for-size for every command but serve: they wait on rate limits, not on the CPU', () => {
    for (const command of ['sync', 'backfill', 'reconcile', 'replay']) {
      expect(heapFlags(command, [])).toEqual(['--semi-space-growth-factor=1', GROWTH, '--optimize-for-size']);
    }
  });

  it('leaves alone each setting node’s own command line gives', () => {
    expect(heapFlags('serve', ['--max-semi-space-size=4'])).toEqual([GROWTH]);
    expect(heapFlags('serve', ['--heap-growing-percent=50', '--semi-space-growth-factor=2'])).toEqual([]);
    expect(heapFlags('sync', ['--no-optimize-for-size'])).toEqual(['--semi-space-growth-factor=1', GROWTH]);
  });
});

describe('commandName', () => {
  it('is the first word that is not an option, serve by default (as the CLI parses it)', () => {
    expect(commandName(['sync', 'products'])).toBe('sync');
    expect(commandName(['--help'])).toBe('serve');
    expect(commandName([])).toBe('serve');
    expect(commandName(['-h', 'reconcile', '--days', '90'])).toBe('reconcile');
  });
});
