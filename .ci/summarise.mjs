// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON reports, and fails (exit 1) when a
// report is missing or unreadable or a suite ran no test: a suite that ran nothing must not pass as green.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    problems.push(`${file}: no report; its suite did not run or did not write it (check the npm script and VITEST_JSON)`);
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not a vitest JSON report (${error.message})`);
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (!((report.numPassedTests ?? 0) + (report.numFailedTests ?? 0) > 0)) {
    problems.push(`${file}: its suite ran no test; fix the suite's include patterns or its skip conditions`);
  }
}
for (const problem of problems) console.error(`summarise: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || problems.length > 0 ? 1 : 0);
