/** Exit codes every command keeps (docs/cli.md): 0 done, 1 the work failed, 2 the command was used wrongly. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A command given arguments or a configuration it cannot run with: the operator fixes the command line (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
