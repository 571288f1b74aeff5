// Comparing a wasmgrad result with PyTorch's.
//
// Tolerances, by dtype:
//   integer and bool: exact.
//   float32: |actual - expected| <= atol + 1e-4 * |expected|, atol = 1e-5 * scale * sqrt(n);
//   float64: the same with 1e-10 and 1e-12.
// n is the number of terms an element accumulates (the reduction length, or the broadcast factor a gradient sums
// over), since rounding error grows with the number of terms. scale is max(1, mag, |expected|) element by element
// when n = 1, and max(1, mag, largest finite |expected| of the tensor) otherwise, where mag is the inputs' largest
// magnitude to the power of the op's degree in them (matmul: 2), written by the generator: a sum of large terms
// that cancel has an error of the size of its terms, not of its result.
// A float64 call that computes in float32 (a dtype argument; `precision` in the case) is compared at float32's.
// Always exact: dtype, shape, the positions of NaN, infinities with their signs, and (for ops that select or compute
// each element from one element, `zeros` in the case) the sign of zero outputs. One allowance: a finite value within
// a factor 2^10 of the dtype's largest may meet an infinity of its sign, since another order of the same operations
// (w * g * d against w * (g * d)) can overflow where PyTorch's did not, or the other way round.
import type { Tensor } from '../../src/index';
import { corpusValues, type CorpusTensor, type CorpusTolerance } from './corpus';

const FLOAT_TOLERANCE = {
  float32: { atol: 1e-5, rtol: 1e-4 },
  float64: { atol: 1e-12, rtol: 1e-10 },
} as const;

const LARGEST = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE } as const;

function overflowsAlike(a: number, e: number, dtype: 'float32' | 'float64'): boolean {
  const [inf, finite] = Number.isFinite(a) ? [e, a] : [a, e];
  return !Number.isNaN(finite) && Number.isFinite(finite) && Math.abs(inf) === Infinity && Math.sign(inf) === Math.sign(finite) &&
    Math.abs(finite) >= LARGEST[dtype] / 1024;
}

/** PyTorch's dtype in wasmgrad: int32 stands in for int64. */
export function wasmgradDType(dtype: CorpusTensor['dtype']): string {
  return dtype === 'int64' ? 'int32' : dtype;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function magnitude(tol: CorpusTolerance): number {
  return tol.mag === 'Infinity' ? Infinity : tol.mag;
}

/** Why `actual` differs from `expected`, or null when it agrees. `zeros`: compare the sign of zeros. */
export function differs(actual: Tensor, expected: CorpusTensor, tol: CorpusTolerance, zeros: boolean): string | null {
  const dtype = wasmgradDType(expected.dtype);
  if (actual.dtype !== dtype) return `dtype ${actual.dtype}, expected ${dtype}`;
  if (!sameShape(actual.shape, expected.shape)) return `shape [${actual.shape}], expected [${expected.shape}]`;
  const got = Array.from(actual.toTypedArray() as ArrayLike<number>);
  const want = corpusValues(expected);
  if (dtype !== 'float32' && dtype !== 'float64') {
    const i = want.findIndex((w, k) => w !== got[k]);
    return i < 0 ? null : `element ${i}: ${got[i]}, expected ${want[i]}`;
  }
  const { atol, rtol } = FLOAT_TOLERANCE[tol.precision ?? dtype];
  const mag = magnitude(tol);
  const spread = Math.sqrt(Math.max(1, tol.n));
  let tensorScale = 1;
  if (tol.n > 1) for (const w of want) if (Number.isFinite(w)) tensorScale = Math.max(tensorScale, Math.abs(w));
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const e = want[i];
    if (Number.isNaN(e) || Number.isNaN(a) || !Number.isFinite(e) || !Number.isFinite(a)) {
      if (!Object.is(a, e) && !(Number.isNaN(a) && Number.isNaN(e)) && !overflowsAlike(a, e, dtype)) return `element ${i}: ${a}, expected ${e}`;
      continue;
    }
    if (zeros && e === 0 && a === 0 && !Object.is(a, e)) return `element ${i}: ${Object.is(a, -0) ? '-0' : '0'}, expected ${Object.is(e, -0) ? '-0' : '0'}`;
    const scale = Math.max(1, mag, tol.n > 1 ? tensorScale : Math.abs(e));
    if (Math.abs(a - e) > atol * scale * spread + rtol * Math.abs(e)) {
      return `element ${i}: ${a}, expected ${e} (atol ${(atol * scale * spread).toPrecision(2)}, rtol ${rtol})`;
    }
  }
  return null;
}
