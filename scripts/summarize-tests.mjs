// Prints one closing line over all vitest JSON reports: "tests: N passed, N failed, N skipped", preceded by the
// name and the first lines of the error of every failed test (CI shows only the tail of the output).
// Fails when a report is missing or when no test ran at all.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`missing test report ${file}`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (!r.success && r.numFailedTests === 0) failed++; // a file that failed to load or a hook error
  skipped += r.numPendingTests + r.numTodoTests;
  for (const suite of r.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    const bad = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of bad) failures.push(`${where} > ${t.fullName}\n    ${head(t.failureMessages?.[0])}`);
    if (suite.status === 'failed' && bad.length === 0) failures.push(`${where}\n    ${head(suite.message)}`);
  }
}
// The message without its stack, at most 8 lines: a custom assertion message (say, the console errors a screen
// logged) is often what tells a flaky run from a broken one.
function head(text) {
  const lines = String(text ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const stack = lines.findIndex((l) => /^\s+at /.test(l));
  const shown = lines.slice(0, Math.min(stack === -1 ? lines.length : stack, 8));
  return shown.length ? shown.join('\n    ') : '(no message)';
}
if (failures.length > 0) console.log(`failed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
