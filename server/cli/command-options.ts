import { InvalidArgumentError, Option } from 'commander';

/** Options most commands share, spelled once. */
export const jsonOption = () => new Option('--json', 'print the result as JSON instead of a table');
export const tenantOption = () => new Option('--tenant <id>', "with TENANTS_FILE: run on this tenant's store and configuration");

/** A whole number ≥ `min`, for commander's argParser; a wrong value is a usage error (exit 2). */
export const wholeNumber =
  (name: string, min: number) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return n;
  };
