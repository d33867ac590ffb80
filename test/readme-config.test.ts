import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../server/config/config-schema.js';
import { packageRoot } from '../server/package-root.js';

describe('docs/configuration.md documents the configuration', () => {
  it('lists every environment variable the config schema reads', () => {
    const readme = readFileSync(join(packageRoot(), 'docs', 'configuration.md'), 'utf8');
    const missing = Object.keys(EnvSchema.shape).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});
