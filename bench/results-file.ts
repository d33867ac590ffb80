import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A bench/results file read back for --compare. Files written before figures carried typed goals (goal as text,
 * no `met`) still parse: goal.ts toGoal reads both forms.
 */
const goalSchema = z.union([z.string(), z.object({ op: z.enum(['>=', '<=', '=']), value: z.number(), text: z.string().optional() })]);

const resultsSchema = z.object({
  measuredAt: z.string(),
  machine: z.object({ cores: z.number(), cpu: z.string(), node: z.string(), platform: z.string() }).partial().optional(),
  figures: z.array(
    z.object({
      name: z.string(),
      value: z.number(),
      unit: z.string(),
      goal: goalSchema.optional(),
      better: z.enum(['higher', 'lower']).optional(),
      met: z.boolean().optional(),
      how: z.string().optional(),
      errors: z.number().optional(),
    }),
  ),
});

export type ResultsFile = z.infer<typeof resultsSchema>;

/** Reads and checks a results file; the error names the file and what to do. */
export function readResults(file: string): ResultsFile {
  if (!existsSync(file)) throw new Error(`bench --compare: ${file} does not exist; pass a results file written by an earlier run (bench/results/*.json)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`bench --compare: ${file} is not JSON (${(err as Error).message}); pass a results file written by an earlier run`, { cause: err });
  }
  const parsed = resultsSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`bench --compare: ${file} is not a bench results file: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
