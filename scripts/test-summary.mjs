// Prints the suite's totals over all binary passes (scripts/test-passes.mjs) as one plain line
// ("Tests: N passed, N failed, N skipped"), after one line per pass, from vitest's JSON reports.
import { readFileSync } from 'node:fs';
import { TEST_PASSES } from './test-passes.mjs';

const total = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const pass of TEST_PASSES) {
  let report;
  try {
    report = JSON.parse(readFileSync(new URL(`../${pass.report}`, import.meta.url), 'utf8'));
  } catch {
    console.log(`  ${pass.binary}: no report (the build or the test runner failed before reporting)`);
    total.failed += 1;
    ok = false;
    continue;
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`  ${pass.binary}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  total.skipped += skipped;
  if (report.numFailedTests > 0 || !report.success) ok = false;
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
