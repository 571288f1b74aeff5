/**
 * What the einops engine needs from a tensor type. The engine never touches data: every pattern becomes
 * a few calls to these methods, so any array type that implements them can be rearranged.
 */
export type BackendReduction = 'sum' | 'mean' | 'max' | 'min' | 'prod' | 'any' | 'all';

export interface EinopsBackend<T> {
  /** The shape as a fresh array of non-negative integers. */
  shape(x: T): number[];
  /** Same elements in row-major order, new shape (same number of elements; no -1 is ever passed). */
  reshape(x: T, shape: number[]): T;
  /** Output axis i is input axis perm[i]. */
  permute(x: T, perm: number[]): T;
  /** Reduces over the given axes and removes them from the shape. */
  reduce(x: T, op: BackendReduction, axes: number[]): T;
  /**
   * Inserts new axes and broadcasts along them (unsqueeze + expand): the result has nAxes dimensions;
   * position p in positionsToLengths gets that length, the other positions take x's axes in order.
   */
  addAxes(x: T, nAxes: number, positionsToLengths: Map<number, number>): T;
  /** Stacks equally shaped tensors along a new first axis (list input of rearrange, repeat and reduce). */
  stack(xs: T[]): T;
  /** Concatenates along an existing axis (pack). */
  concat(xs: T[], axis: number): T;
  /** Splits along an axis into consecutive pieces of the given lengths, which add up to that axis' length (unpack). */
  split(x: T, axis: number, sizes: number[]): T[];
  /** torch.einsum with single-letter axes (a-z, A-Z) and `...`, e.g. 'ab,bc->ac'; the pattern always has '->'. */
  einsum(pattern: string, ...xs: T[]): T;
  /** Whether x is a tensor of this backend (to tell a tensor from a list of tensors). */
  isTensor(x: unknown): x is T;
  /**
   * Optional: frees an intermediate result the engine created and no longer needs (never the caller's
   * input, never the returned result). Backends whose tensors hold memory outside the JavaScript heap use
   * it so that a pattern does not leave temporaries behind; views keep shared storage alive by themselves.
   */
  release?(x: T): void;
}
