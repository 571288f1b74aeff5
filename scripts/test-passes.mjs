// The test suite runs once per kernel binary: each pass names the binary that backendInfo() must report
// (test/backend-binary.test.ts checks it), the Node flags that make the engine pick it, and its vitest JSON report.
// Shared by scripts/test.mjs, scripts/test-summary.mjs and vitest.config.ts.
export const TEST_PASSES = [
  { binary: 'simd128', nodeFlags: [], report: 'build/test-results.simd128.json' },
  { binary: 'relaxed-simd', nodeFlags: ['--experimental-wasm-relaxed-simd'], report: 'build/test-results.relaxed-simd.json' },
];

/** The environment variable that selects a pass (vitest.config.ts) and states the expected binary (the test). */
export const TEST_BINARY_ENV = 'WASMGRAD_TEST_BINARY';
