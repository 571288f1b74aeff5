// The kernel interface: the exports of both wasm binaries in build/ against the typed surface that the host declares
// in src/backend/kernels/*.ts. Both ways: every declared kernel is exported with the declared number of parameters
// and a result exactly when one is declared, and every exported function is declared. The host passes only numbers,
// so no export may take or return v128.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernels } from '../src/backend/wasm';
import { declaredKernels } from './support/kernel-declarations';
import { exportedFunctionSignatures } from './support/wasm-signatures';

const root = resolve(__dirname, '..');
const declared = declaredKernels(join(root, 'src', 'backend', 'kernels'));

describe('the declared kernel interface', () => {
  it('is read from src/backend/kernels (spread tuple parameters included)', () => {
    expect(declared.size).toBeGreaterThan(100);
    expect(declared.get('heapBase')).toEqual({ file: 'copy.ts', params: 0, returnsValue: true });
    expect(declared.get('gemmF32')?.params).toBe(18); // ...[...GemmArgs, work]
    expect(declared.get('gemmReferenceF64')?.params).toBe(17);
    expect(declared.get('adamStepF32')?.params).toBe(14);
  });
});

for (const target of ['simd', 'relaxed']) {
  describe(`build/wasmgrad.${target}.wasm`, () => {
    const exported = exportedFunctionSignatures(readFileSync(join(root, 'build', `wasmgrad.${target}.wasm`)));

    it('exports every declared kernel with its declared parameters and result', () => {
      const problems: string[] = [];
      for (const [name, decl] of declared) {
        const signature = exported.get(name);
        if (signature === undefined) problems.push(`${name} (${decl.file}) is not exported`);
        else if (signature.params.length !== decl.params) {
          problems.push(`${name} (${decl.file}) takes ${signature.params.length} parameters, declared ${decl.params}`);
        } else if ((signature.results.length === 1) !== decl.returnsValue) {
          problems.push(`${name} (${decl.file}) returns [${signature.results}], declared ${decl.returnsValue ? 'a number' : 'void'}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('exports no function that is not declared', () => {
      expect([...exported.keys()].filter((name) => !declared.has(name))).toEqual([]);
    });

    it('exchanges numbers only (no v128 parameter or result)', () => {
      const vector = [...exported].filter(([, s]) => [...s.params, ...s.results].some((type) => type === 'v128'));
      expect(vector.map(([name]) => name)).toEqual([]);
    });
  });
}

describe('the loaded binary', () => {
  it('has every declared kernel as a function of the declared arity', () => {
    const exports = kernels as unknown as Record<string, unknown>;
    const problems: string[] = [];
    for (const [name, decl] of declared) {
      const fn = exports[name];
      if (typeof fn !== 'function') problems.push(`${name} is missing`);
      else if (fn.length !== decl.params) problems.push(`${name}.length is ${fn.length}, declared ${decl.params}`);
    }
    expect(problems).toEqual([]);
  });
});
