// Dropout: zeroes each element with probability p and scales the rest by 1 / (1 - p), drawing the mask from
// the default generator; the output is input * mask (MulBackward0), as in PyTorch's dropout on the CPU.
import { bernoulliScaleInPlace } from '../../backend/nn-dropout';
import { fillRandom } from '../../backend/random-fill';
import { full } from '../../creation/factories';
import { DTYPES } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { defineOp } from '../../ops/define';
import { Tensor } from '../../tensor';
import { namedArgs, type PositionalOrOptions } from './args';

export interface DropoutOptions {
  p?: number;
  training?: boolean;
  inplace?: boolean;
}

type DropoutArgs = PositionalOrOptions<[p: number, training: boolean, inplace: boolean], DropoutOptions>;

/** The multiplier: Bernoulli(1 - p) draws, scaled by 1 / (1 - p) (rounded as PyTorch's in-place div of a float tensor). */
function dropoutMask(shape: number[], dtype: 'float32' | 'float64', p: number): Tensor {
  const mask = Tensor._empty(shape, dtype);
  if (mask.numel() === 0) return mask;
  fillRandom(mask, 'uniform', 0, 1);
  const keep = 1 - p;
  bernoulliScaleInPlace(mask, keep, dtype === 'float32' ? Math.fround(1 / Math.fround(keep)) : 1 / keep);
  return mask;
}

/** Shared by dropout and the feature (channel) dropouts: `maskShape` broadcasts against the input. */
function applyDropout(fn: string, input: Tensor, a: Record<string, unknown>, maskShape: (x: Tensor) => number[]): Tensor {
  input._check();
  const p = (a.p ?? 0.5) as number;
  const training = (a.training ?? true) as boolean;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0 || input.numel() === 0) return input;
  if (p === 1) return mulBy(input, full([], 0, { dtype: input.dtype }), Boolean(a.inplace));
  // Only a drawn mask needs a float input (its 1 / (1 - p) scale); PyTorch takes any dtype in the cases above.
  if (!DTYPES[input.dtype].isFloat) throw new DTypeError(`${fn}: expected a floating point input, got ${DTYPES[input.dtype].torchName}`);
  return mulBy(input, dropoutMask(maskShape(input), input.dtype as 'float32' | 'float64', p), Boolean(a.inplace));
}

/** input * mask (in place when asked); the mask is disposed. */
function mulBy(input: Tensor, mask: Tensor, inplace: boolean): Tensor {
  const out = inplace ? input.mul_(mask) : input.mul(mask);
  mask.dispose();
  return out;
}

/** F.dropout(input, p=0.5, training=true, inplace=false). In evaluation (training=false) returns input itself. */
export const dropout = defineOp(
  'dropout',
  (input: Tensor, ...args: DropoutArgs): Tensor => applyDropout('dropout', input, namedArgs('dropout', ['p', 'training', 'inplace'], args), (x) => x.shape.slice()),
  { method: null },
);

/**
 * Channel dropout for `spatial` trailing dims: whole channels of [N, C, *spatial] (or unbatched [C, *spatial])
 * are zeroed together.
 */
function featureDropout(fn: string, spatial: number, input: Tensor, args: readonly unknown[]): Tensor {
  if (input.ndim !== spatial + 1 && input.ndim !== spatial + 2) {
    throw new ShapeError(`${fn}: Expected ${spatial + 1}D or ${spatial + 2}D input, but received a ${input.ndim}D input`);
  }
  const a = namedArgs(fn, ['p', 'training', 'inplace'], args);
  return applyDropout(fn, input, a, (x) => x.shape.map((s, i) => (i < x.ndim - spatial ? s : 1)));
}

/** F.dropout1d: zeroes whole channels of [N, C, L] or [C, L]. */
export const dropout1d = defineOp('dropout1d', (input: Tensor, ...args: DropoutArgs): Tensor => featureDropout('dropout1d', 1, input, args), { method: null });

/** F.dropout2d: zeroes whole channels of [N, C, H, W] or [C, H, W]. */
export const dropout2d = defineOp('dropout2d', (input: Tensor, ...args: DropoutArgs): Tensor => featureDropout('dropout2d', 2, input, args), { method: null });

/** F.dropout3d: zeroes whole channels of [N, C, D, H, W] or [C, D, H, W]. */
export const dropout3d = defineOp('dropout3d', (input: Tensor, ...args: DropoutArgs): Tensor => featureDropout('dropout3d', 3, input, args), { method: null });
