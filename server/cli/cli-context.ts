/** What every command's action gets from the entry point: the environment it runs in and where its answer goes. */
export interface CliContext {
  /** The process environment, with a `.env` file's values beneath it (server/config/env-file.ts). */
  env: Record<string, string | undefined>;
  /** Records the command's exit code (docs/cli.md); the entry point returns it. */
  exit(code: number): void;
}
