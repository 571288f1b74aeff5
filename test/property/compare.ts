// Comparisons of kernel results with scalar references: bit-for-bit (NaN matches NaN, the sign of zero counts) and
// within a bound in ulps of the dtype. A failure names the first element that differs, with its inputs.
import { expect } from 'vitest';
import type { DType } from '../../src/dtype';
import { ulpDistanceF32, ulpDistanceF64 } from '../support/ulp';
import type { FloatDType } from './arbitraries';

/** Equal as stored values: NaN matches any NaN, +0 and -0 differ. */
export function sameBits(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

export function ulpDistance(dtype: FloatDType, a: number, b: number): number {
  return dtype === 'float32' ? ulpDistanceF32(a, b) : ulpDistanceF64(a, b);
}

/** The spacing of dtype's values at magnitude |x| (the subnormal spacing below the normal range). */
export function ulpOf(dtype: FloatDType, x: number): number {
  const a = Math.abs(x);
  const [mantissa, minExp] = dtype === 'float32' ? [23, -126] : [52, -1022];
  if (!(a > 0) || !Number.isFinite(a)) return 2 ** (minExp - mantissa);
  return 2 ** (Math.max(Math.floor(Math.log2(a)), minExp) - mantissa);
}

function describe(values: ArrayLike<number>, i: number): string {
  return Object.is(values[i], -0) ? '-0' : String(values[i]);
}

/** Element by element, bit for bit (inputs, when given, are printed with the first difference). */
export function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, label: string, inputs?: readonly ArrayLike<number>[]): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!sameBits(got[i], want[i])) {
      const args = inputs === undefined ? '' : ` at (${inputs.map((x) => describe(x, i)).join(', ')})`;
      expect.fail(`${label}: element ${i}${args} is ${describe(got, i)}, expected ${describe(want, i)}`);
    }
  }
}

/** Exact equality of integer or bool results (as numbers). */
export function expectEqual(got: ArrayLike<number>, want: ArrayLike<number>, label: string, inputs?: readonly ArrayLike<number>[]): void {
  expectSameBits(Array.from(got, (v) => v + 0), Array.from(want, (v) => v + 0), label, inputs);
}

export interface UlpBound {
  /** Largest distance in ulps of the result. */
  ulps: number;
  /**
   * When given, a result also passes when |got - want| <= ulps * ulpOf(scale(i)): for results that cancel
   * (gelu of a negative x, lerp), whose error is relative to the size of the terms, not of the result.
   */
  scale?: (i: number) => number;
  /** Require the sign of a zero result to match (where PyTorch defines it). */
  zeroSign?: boolean;
}

/** Element by element within the bound; NaN must match NaN and an infinity itself. */
export function expectUlps(dtype: FloatDType, got: ArrayLike<number>, want: ArrayLike<number>, bound: UlpBound, label: string, inputs?: readonly ArrayLike<number>[]): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    const d = ulpDistance(dtype, g, w);
    let ok = d <= bound.ulps;
    if (!ok && bound.scale !== undefined && Number.isFinite(g) && Number.isFinite(w)) {
      ok = Math.abs(g - w) <= bound.ulps * ulpOf(dtype, bound.scale(i));
    }
    if (ok && bound.zeroSign && g === 0 && w === 0) ok = Object.is(g, w);
    if (!ok) {
      const args = inputs === undefined ? '' : ` at (${inputs.map((x) => describe(x, i)).join(', ')})`;
      expect.fail(`${label}: element ${i}${args} is ${describe(got, i)}, expected ${describe(want, i)} (${d} ulp, bound ${bound.ulps})`);
    }
  }
}

export function isFloat(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}
