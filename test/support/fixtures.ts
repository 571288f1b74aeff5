// PyTorch reference tensors ({dtype, shape, data}) as wasmgrad tensors, and comparing results with them.
import { tensor, type Tensor } from '../../src/index';
import { fixtureValues, type FixtureTensor } from './fixture-files';

export { fixtureValues, loadFixture, type FixtureTensor } from './fixture-files';

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
