// repeat and tile: one strided copy of a zero-stride view. With repeats r and (left-padded) sizes s, the output
// [r0*s0, r1*s1, ...] has the row-major layout of [r0, s0, r1, s1, ...], so x viewed with that shape and stride 0
// on every r-dim is copied in a single kernel call. Backward: the gradient viewed the same way, summed over the r-dims.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { ShapeError } from '../../errors';
import { intsFromArgs, shapeString, type IntsArgs } from '../../shape';
import { copyInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { sum } from '../reduce';

const repeatBackward: BackwardFn<{ tiledShape: number[]; repeatDims: number[]; inShape: number[] }> = ([g], _, a) => [
  sum(g.reshape(a.tiledShape), a.repeatDims).reshape(a.inShape),
];

/** x.repeat(*sizes): tiles x sizes[i] times along dim i (x's shape is left-padded with 1s to len(sizes)). */
function repeatOp(x: Tensor, ...args: IntsArgs): Tensor {
  x._check();
  const repeats = intsFromArgs(args);
  if (repeats.length < x.ndim) {
    throw new ShapeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = repeats.length - x.ndim;
  const sizes = repeats.map((_, i) => (i < lead ? 1 : x.shape[i - lead]));
  const strides = repeats.map((_, i) => (i < lead ? 0 : x._strides[i - lead]));
  const outShape = repeats.map((r, i) => r * sizes[i]);
  const fractional = repeats.find((r) => !Number.isInteger(r));
  if (fractional !== undefined) throw new ShapeError(`repeat(): repeats must be integers, got ${fractional} in [${repeats.join(', ')}]`);
  const negative = repeats.find((r) => r < 0);
  if (negative !== undefined) throw new ShapeError(`Trying to create tensor with negative dimension ${negative}: ${shapeString(outShape)}`);
  const tiledShape: number[] = [];
  const tiledStrides: number[] = [];
  repeats.forEach((r, i) => tiledShape.push(r, sizes[i]));
  repeats.forEach((_, i) => tiledStrides.push(0, strides[i]));
  const tiled = x._view(tiledShape, tiledStrides, x._offset);
  const out = Tensor._empty(outShape, x.dtype);
  copyInto(tiled, out);
  tiled.dispose();
  if (needsGrad(x)) {
    const repeatDims = repeats.map((_, i) => 2 * i);
    record('RepeatBackward0', [x], [out], repeatBackward, [], { tiledShape, repeatDims, inShape: x.shape });
  }
  return out;
}
export const repeat = defineOp('repeat', repeatOp);

/** torch.tile(x, dims): repeat, with dims left-padded with 1s when shorter than x's rank. */
function tileOp(x: Tensor, ...args: IntsArgs): Tensor {
  const dims = intsFromArgs(args);
  const padded = dims.length < x.ndim ? [...new Array<number>(x.ndim - dims.length).fill(1), ...dims] : dims;
  return repeat(x, padded);
}
export const tile = defineOp('tile', tileOp);
