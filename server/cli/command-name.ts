/** The command `argv` (without node and the script) names: its first word that is not an option, else `serve`. */
export const commandName = (argv: readonly string[]): string => argv.find((a) => !a.startsWith('-')) ?? 'serve';
