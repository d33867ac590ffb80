import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError } from './config-error.js';

/**
 * The environment with a `.env` file's values beneath it: a variable set in the environment wins, so a deployment
 * can override one value without editing the file. No file, no change. Read by the CLI entry before loadConfig.
 */
export function withEnvFile(env: Record<string, string | undefined>, file: string): Record<string, string | undefined> {
  if (!existsSync(file)) return env;
  let values: Record<string, string | undefined>;
  try {
    values = parseEnv(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration: cannot read ${file}: ${(error as Error).message}; fix or remove the file`);
  }
  const merged = { ...values };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
