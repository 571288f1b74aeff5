// Which kernel binary runs. Under `npm test` each pass names the binary it expects (scripts/test-passes.mjs), so a
// pass that silently ran the other binary fails here; otherwise the choice must follow what the engine validates.
import { describe, expect, it } from 'vitest';
import { backendInfo } from '../src/index';
import { relaxedSimdWasmBase64 } from '../src/backend/generated/wasm-binaries';

describe('backendInfo().binary', () => {
  it('is the binary this test pass expects', () => {
    const named = process.env.WASMGRAD_TEST_BINARY;
    const relaxedValidates = WebAssembly.validate(Buffer.from(relaxedSimdWasmBase64, 'base64'));
    expect(backendInfo().binary).toBe(named ?? (relaxedValidates ? 'relaxed-simd' : 'simd128'));
  });
});
