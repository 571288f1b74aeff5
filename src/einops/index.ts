/**
 * einops for wasmgrad Tensors: `rearrange(img, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 })`.
 * Axis lengths that einops takes as keyword arguments are passed as an object.
 */
import type { Tensor } from '../tensor';
import * as engine from './api.js';
import type { AxesLengths, ReductionFunction } from './api.js';
import type { ReductionName } from './recipe.js';
import { tensorBackend } from './tensor-backend.js';

export { EinopsError } from './errors.js';
export type { AxesLengths } from './api.js';
export type { ReductionName } from './recipe.js';

/** A reduction name, or a function `(x, axes) => x reduced over axes (removed from the shape)`. */
export type TensorReduction = ReductionName | ReductionFunction<Tensor>;

/** einops.rearrange: reorders, splits and merges axes. A list of tensors is stacked on a new first axis. */
export function rearrange(x: Tensor | readonly Tensor[], pattern: string, axesLengths: AxesLengths = {}): Tensor {
  return engine.rearrange(tensorBackend, x, pattern, axesLengths);
}

/** einops.repeat: rearrange, plus new axes (named on the right only) that the input is repeated along. */
export function repeat(x: Tensor | readonly Tensor[], pattern: string, axesLengths: AxesLengths = {}): Tensor {
  return engine.repeat(tensorBackend, x, pattern, axesLengths);
}

/** einops.reduce: rearrange, plus axes named on the left only that are reduced ('sum', 'mean', 'max', ...). */
export function reduce(
  x: Tensor | readonly Tensor[],
  pattern: string,
  reduction: TensorReduction,
  axesLengths: AxesLengths = {},
): Tensor {
  return engine.reduce(tensorBackend, x, pattern, reduction, axesLengths);
}

/** einops.parse_shape: `parseShape(x, 'b _ h w')` -> `{ b: 2, h: 5, w: 7 }`. */
export function parseShape(x: Tensor, pattern: string): Record<string, number> {
  return engine.parseShape(tensorBackend, x, pattern);
}

/** einops.pack: `pack([a, b], 'i * j')` -> [packed, packedShapes]. */
export function pack(tensors: readonly Tensor[], pattern: string): [Tensor, number[][]] {
  return engine.pack(tensorBackend, tensors, pattern);
}

/** einops.unpack: splits what pack packed, one tensor per packed shape (one shape may hold a -1). */
export function unpack(x: Tensor, packedShapes: readonly (readonly number[])[], pattern: string): Tensor[] {
  return engine.unpack(tensorBackend, x, packedShapes, pattern);
}

/** einops.einsum: the tensors, then the pattern with named axes: `einsum(x, w, 'b i, i o -> b o')`. */
export function einsum(...tensorsAndPattern: [...Tensor[], string]): Tensor {
  return engine.einsum(tensorBackend, ...tensorsAndPattern);
}
