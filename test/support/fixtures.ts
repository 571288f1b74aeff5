// Loading PyTorch reference tensors ({dtype, shape, data}) from test/fixtures/pytorch and comparing results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, type Tensor } from '../../src/index';

export interface FixtureTensor {
  dtype: 'float32' | 'float64' | 'int64' | 'bool';
  shape: number[];
  data: (number | string | boolean)[];
}

export function loadFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'pytorch', name), 'utf8')) as T;
}

/** Decodes the fixture encoding: 'NaN' / 'Infinity' strings, float32 values restored with Math.fround. */
export function fixtureValues(f: FixtureTensor): number[] {
  return f.data.map((v) => {
    const n = typeof v === 'string' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    return f.dtype === 'float32' ? Math.fround(n) : n;
  });
}

/** A wasmgrad tensor with the fixture's values (int64 becomes int32, wasmgrad's index dtype). */
export function fromFixture(f: FixtureTensor, requiresGrad = false): Tensor {
  const dtype = f.dtype === 'int64' ? 'int32' : f.dtype;
  const flat = fixtureValues(f);
  const t = tensor(dtype === 'float64' ? Float64Array.from(flat) : flat, { dtype }).reshape(f.shape);
  return requiresGrad ? t.detach().requiresGrad_(true) : t;
}

export interface Tolerance {
  atol: number;
  rtol: number;
}

/**
 * Largest violation of |actual - expected| <= atol + rtol * |expected| (<= 0 means every element passes);
 * NaNs must match NaNs and infinities must match exactly.
 */
export function compareTensor(actual: Tensor, expected: FixtureTensor, tol: Tolerance): { ok: boolean; detail: string } {
  const shapeOk = actual.shape.length === expected.shape.length && actual.shape.every((s, i) => s === expected.shape[i]);
  if (!shapeOk) return { ok: false, detail: `shape [${actual.shape}] != expected [${expected.shape}]` };
  const got = Array.from(actual.toTypedArray() as ArrayLike<number>);
  const want = fixtureValues(expected);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const e = want[i];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) return { ok: false, detail: `element ${i}: got ${a}, expected ${e}` };
      continue;
    }
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (a !== e) return { ok: false, detail: `element ${i}: got ${a}, expected ${e}` };
      continue;
    }
    const excess = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (excess > worst) {
      worst = excess;
      worstAt = i;
    }
  }
  if (worstAt >= 0) return { ok: false, detail: `element ${worstAt}: got ${got[worstAt]}, expected ${want[worstAt]} (atol ${tol.atol}, rtol ${tol.rtol})` };
  return { ok: true, detail: '' };
}
