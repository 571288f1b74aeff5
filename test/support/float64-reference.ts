// Plain float64 arrays for checking ops against reference loops written in the tests: generated values, conversion
// to and from tensors, reference gradients of affine functions, and the comparison.
import { expect } from 'vitest';
import { tensor, type Tensor } from '../../src/index';
import { lcg } from './random';

/** Contiguous row-major float64 values and a shape. */
export interface Ref {
  data: Float64Array;
  shape: number[];
}

export const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Deterministic values in [-2, 2], multiples of 1/16: float32 products and short sums of them stay exact. */
export function randomRef(shape: number[], seed: number): Ref {
  const random = lcg(seed);
  const data = new Float64Array(numel(shape));
  for (let i = 0; i < data.length; i++) data[i] = Math.round((random() - 0.5) * 64) / 16;
  return { data, shape };
}

export function toTensor(r: Ref, dtype: 'float32' | 'float64', requiresGrad = false): Tensor {
  const t = tensor(dtype === 'float64' ? r.data : Float32Array.from(r.data), { dtype }).reshape(r.shape);
  if (requiresGrad) t.requiresGrad_();
  return t;
}

export function refOf(t: Tensor): Ref {
  return { data: Float64Array.from(t.toTypedArray() as Float32Array | Float64Array), shape: t.shape.slice() };
}

/**
 * The gradient of sum(upstream * f(inputs)) with respect to input `which`, for f affine in that input:
 * entry e is sum(upstream * (f(..., basis_e, ...) - f(..., 0, ...))), exact in float64.
 */
export function refGrad(f: (xs: Ref[]) => Ref, inputs: Ref[], which: number, upstream: Ref): Ref {
  const x = inputs[which];
  const at = (value: Ref) => f(inputs.map((r, i) => (i === which ? value : r)));
  const offset = at({ data: new Float64Array(x.data.length), shape: x.shape });
  const out = new Float64Array(x.data.length);
  for (let e = 0; e < out.length; e++) {
    const basis = { data: new Float64Array(x.data.length), shape: x.shape };
    basis.data[e] = 1;
    const y = at(basis);
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += (y.data[i] - offset.data[i]) * upstream.data[i];
    out[e] = s;
  }
  return { data: out, shape: x.shape };
}

/** Same shape, and every element within tol * max(1, |expected|). */
export function expectClose(actual: Tensor, expected: Ref, tol: number, label = ''): void {
  expect(actual.shape, `${label}: shape`).toEqual(expected.shape);
  const got = actual.toTypedArray() as Float32Array | Float64Array;
  for (let i = 0; i < expected.data.length; i++) {
    if (!(Math.abs(got[i] - expected.data[i]) <= tol * Math.max(1, Math.abs(expected.data[i])))) {
      expect.fail(`${label}: element ${i} is ${got[i]}, expected ${expected.data[i]}`);
    }
  }
}
