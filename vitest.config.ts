import { defineConfig } from 'vitest/config';
import { TEST_BINARY_ENV, TEST_PASSES } from './scripts/test-passes.mjs';

// `npm test` runs the suite once per kernel binary (scripts/test.mjs); the pass's Node flags make the engine in
// the workers validate, and so pick, that binary. A plain `vitest run` gets whatever this Node picks by default.
const pass = TEST_PASSES.find((p) => p.binary === process.env[TEST_BINARY_ENV]);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The suite shares one wasm instance per worker; two workers fit this project's 2-core machines.
    maxWorkers: 2,
    // --expose-gc lets the memory tests force garbage collection to check the FinalizationRegistry safety net.
    execArgv: ['--expose-gc', ...(pass?.nodeFlags ?? [])],
  },
});
