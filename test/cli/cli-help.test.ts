import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProgram } from '../../server/cli/run-cli.js';
import { packageRoot } from '../../server/package-root.js';
import { runCliProcess } from '../helpers/child-service.js';
import { tempDir } from '../helpers/temp-dir.js';

const DOC = join(packageRoot(), 'docs', 'cli.md');
/** Each command's help in docs/cli.md: `<!-- help: centra-ometria sync products -->` then a ```text block holding it verbatim. */
const HELP_BLOCK = /<!-- help: ([a-z -]*?) -->\n```text\n([\s\S]*?)```/g;

/** Every command path of the CLI, the root ([]) first, from the program itself: a new command is covered at once. */
function commandPaths(command: Command, path: string[] = []): string[][] {
  return [path, ...command.commands.flatMap((sub) => commandPaths(sub, [...path, sub.name()]))];
}

const paths = commandPaths(cliProgram({ env: {}, exit: () => undefined }));
// No .env where the CLI runs: help must not depend on one.
const cwd = tempDir('cli-help-');
afterAll(() => cwd.remove());

async function helpOf(path: string[]): Promise<string> {
  const run = await runCliProcess([...path, '--help'], {}, cwd.path);
  expect(run.stderr, `${path.join(' ')} --help`).toBe('');
  expect(run.code, `${path.join(' ')} --help`).toBe(0);
  return run.stdout;
}

describe('the CLI answers --help for every command, and docs/cli.md holds that help', () => {
  it('knows every command', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['', 'serve', 'status', 'replay', 'backfill', 'reconcile', 'sync', 'sync products', 'sync newsletter', 'doctor']),
    );
  });

  it('every command answers --help with exit 0, and docs/cli.md shows exactly that help', async () => {
    const helps = new Map<string, string>();
    for (const path of paths) helps.set(['centra-ometria', ...path].join(' '), await helpOf(path));
    const doc = readFileSync(DOC, 'utf8');
    // UPDATE_CLI_DOC=1 rewrites the blocks from the CLI itself; commit the result.
    if (process.env.UPDATE_CLI_DOC) {
      writeFileSync(
        DOC,
        doc.replace(
          HELP_BLOCK,
          (_all, name: string) => `<!-- help: ${name} -->\n\`\`\`text\n${helps.get(name.trim()) ?? `(no such command: ${name})\n`}\`\`\``,
        ),
      );
    }
    const documented = new Map([...readFileSync(DOC, 'utf8').matchAll(HELP_BLOCK)].map((m) => [m[1]!.trim(), m[2]!]));
    expect([...documented.keys()].sort(), 'a help block per command in docs/cli.md (UPDATE_CLI_DOC=1 to regenerate)').toEqual([...helps.keys()].sort());
    for (const [name, help] of helps) expect(documented.get(name), `docs/cli.md for "${name}" (UPDATE_CLI_DOC=1 to regenerate)`).toBe(help);
  }, 120_000);

  it('answers -h like --help, and --version with the package version', async () => {
    const short = await runCliProcess(['status', '-h'], {}, cwd.path);
    expect(short.code).toBe(0);
    expect(short.stdout).toBe(await helpOf(['status']));
    const version = await runCliProcess(['--version'], {}, cwd.path);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version);
  });
});
