// `npm test`: build, type-check, then the whole suite once per kernel binary (scripts/test-passes.mjs), then one
// summary line. Every step after a successful build runs even when an earlier one fails, so one run shows every
// failure; the exit status is nonzero when any step failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_BINARY_ENV, TEST_PASSES } from './test-passes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Runs a command with inherited output; true when it exits with 0. */
function step(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

if (!step(process.execPath, [join(root, 'scripts', 'build.mjs'), '--clean-test-results'])) {
  console.log('Tests: 0 passed, 1 failed (the build failed)');
  process.exit(1);
}
const typecheck = step(bin('tsc'), ['-p', 'tsconfig.json']);
for (const pass of TEST_PASSES) {
  console.log(`\nvitest with the ${pass.binary} binary`);
  step(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${pass.report}`], {
    [TEST_BINARY_ENV]: pass.binary,
  });
}
// The summary reads the reports: a failed or missing pass fails it.
const summary = step(process.execPath, [join(root, 'scripts', 'test-summary.mjs')]);
if (!typecheck) console.log('Typecheck: failed (tsc -p tsconfig.json, output above)');
process.exit(summary && typecheck ? 0 : 1);
