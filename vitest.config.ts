import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The suite shares one wasm instance per worker; two workers fit this project's 2-core machines.
    maxWorkers: 2,
    // Lets the memory tests force garbage collection to check the FinalizationRegistry safety net.
    execArgv: ['--expose-gc'],
  },
});
