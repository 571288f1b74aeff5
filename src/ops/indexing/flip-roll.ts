// flip, fliplr, flipud and roll: pure data movement through the strided-copy kernels.
// A flip is a copy of a view with negative strides; a roll copies the two halves of each rolled dim
// (2^k block copies for k rolled dims) into place. Backward: the same flip, the opposite roll.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { IndexError, ShapeError } from '../../errors';
import { intsFromArgs, normalizeDim, type IntsArgs } from '../../shape';
import { copyInto, copyTensorInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { copyOf, packed, releaseTemp, reshapeContiguous } from './common';

const flipBackward: BackwardFn<number[]> = ([g], _, dims) => [flip(g, dims)];

/** torch.flip(x, dims): reverses the order of elements along each of the given dims. */
function flipOp(x: Tensor, ...args: IntsArgs): Tensor {
  x._check();
  const given = intsFromArgs(args);
  const dims = given.map((d) => normalizeDim(d, x.ndim));
  const seen = new Set<number>();
  for (const d of dims) {
    if (seen.has(d)) throw new IndexError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  const strides = x._strides.slice();
  let offset = x._offset;
  if (x.ndim > 0) {
    for (const d of dims) {
      if (x.shape[d] === 0) continue;
      offset += (x.shape[d] - 1) * strides[d];
      strides[d] = -strides[d];
    }
  }
  const reversed = x._view(x.shape.slice(), strides, offset);
  const out = copyOf(reversed);
  reversed.dispose();
  if (needsGrad(x)) record('FlipBackward0', [x], [out], flipBackward, [], dims);
  return out;
}
export const flip = defineOp('flip', flipOp);

/** torch.fliplr: flips dim 1 (left/right) of a tensor with at least 2 dims. */
function fliplrOp(x: Tensor): Tensor {
  if (x.ndim < 2) throw new ShapeError('Input must be >= 2-d.');
  return flip(x, [1]);
}
export const fliplr = defineOp('fliplr', fliplrOp);

/** torch.flipud: flips dim 0 (up/down) of a tensor with at least 1 dim. */
function flipudOp(x: Tensor): Tensor {
  if (x.ndim < 1) throw new ShapeError('Input must be >= 1-d.');
  return flip(x, [0]);
}
export const flipud = defineOp('flipud', flipudOp);

/** A new contiguous tensor with x rolled by shifts[i] along dims[i] (dims distinct, already normalised). */
function rollInto(x: Tensor, dims: readonly number[], shifts: readonly number[]): Tensor {
  const out = Tensor._emptyLike(x);
  const parts = dims
    .map((d, i) => {
      const n = x.shape[d];
      return { d, n, s: n === 0 ? 0 : ((shifts[i] % n) + n) % n };
    })
    .filter((p) => p.s !== 0);
  if (parts.length === 0) {
    copyInto(x, out);
    return out;
  }
  // Block `mask`: bit j clear takes [0, n - s) of dim j to [s, n); bit j set takes [n - s, n) to [0, s).
  for (let mask = 0; mask < 1 << parts.length; mask++) {
    const shape = x.shape.slice();
    let srcOffset = x._offset;
    let dstOffset = 0;
    parts.forEach(({ d, n, s }, j) => {
      const tail = (mask >> j) & 1;
      shape[d] = tail ? s : n - s;
      srcOffset += (tail ? n - s : 0) * x._strides[d];
      dstOffset += (tail ? 0 : s) * out._strides[d];
    });
    const from = x._view(shape, x._strides, srcOffset);
    const to = out._view(shape.slice(), out._strides, dstOffset);
    copyTensorInto(from, to);
    from.dispose();
    to.dispose();
  }
  return out;
}

/** Rolls back by the opposite shifts (dims undefined: the flat roll). */
const rollBackward: BackwardFn<{ shifts: number[]; dims: number[] | undefined }> = ([g], _, { shifts, dims }) => [roll(g, shifts, dims)];

/**
 * torch.roll(x, shifts, dims?): moves elements by `shifts` along `dims`, wrapping around. Without dims, x is
 * rolled as a flat (row-major) sequence and keeps its shape.
 */
function rollOp(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  x._check();
  const shiftList = typeof shifts === 'number' ? [shifts] : shifts.slice();
  const dimList = dims === undefined ? [] : typeof dims === 'number' ? [dims] : dims.slice();
  if (shiftList.length === 0) throw new ShapeError('`shifts` required');
  if (shiftList.some((s) => !Number.isInteger(s))) throw new ShapeError(`roll(): shifts must be integers, got [${shiftList.join(', ')}]`);
  let out: Tensor;
  if (dimList.length === 0 && shiftList.length === 1) {
    const src = packed(x);
    const flat = reshapeContiguous(src, [x.numel()]);
    const rolled = rollInto(flat, [0], shiftList);
    flat.dispose();
    releaseTemp(src, x);
    out = reshapeContiguous(rolled, x.shape.slice());
    rolled.dispose();
  } else {
    if (shiftList.length !== dimList.length) {
      throw new ShapeError(`shifts and dimensions must align. shifts: ${shiftList.length}, dims:${dimList.length}`);
    }
    if (x.ndim === 0) throw new IndexError(`Dimension specified as ${dimList[0]} but tensor has no dimensions`);
    // A dim named twice is rolled twice: the shifts add up.
    const total = new Map<number, number>();
    dimList.forEach((d, i) => {
      const k = normalizeDim(d, x.ndim);
      total.set(k, (total.get(k) ?? 0) + shiftList[i]);
    });
    out = rollInto(x, [...total.keys()], [...total.values()]);
  }
  if (needsGrad(x)) {
    const args = { shifts: shiftList.map((s) => -s), dims: dims === undefined ? undefined : dimList };
    record('RollBackward0', [x], [out], rollBackward, [], args);
  }
  return out;
}
export const roll = defineOp('roll', rollOp);
