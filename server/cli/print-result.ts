/** `--json`: the result as JSON for scripts; otherwise the human form (tables, sentences). */
export function printResult<T>(json: boolean | undefined, result: T, human: (result: T) => string): void {
  console.log(json ? JSON.stringify(result, null, 2) : human(result));
}
