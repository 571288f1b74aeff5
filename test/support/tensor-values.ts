// Reading a tensor's elements back for comparisons.
import { expect } from 'vitest';
import type { Tensor } from '../../src/index';

/** The elements in row-major order as numbers (bool as 0 and 1). */
export function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray() as ArrayLike<number>);
}

/** Same shape, dtype and exactly the same elements. */
export function expectSame(actual: Tensor, expected: Tensor): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  expect(values(actual)).toEqual(values(expected));
}
