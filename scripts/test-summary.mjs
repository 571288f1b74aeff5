// Prints the suite's totals as one plain line ("Tests: N passed, N failed, N skipped") from vitest's JSON report.
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync(new URL('../build/test-results.json', import.meta.url), 'utf8'));
} catch {
  console.log('Tests: 0 passed, 1 failed (the build or the test runner failed before reporting)');
  process.exit(1);
}
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
process.exit(report.numFailedTests > 0 || !report.success ? 1 : 0);
