// sum, mean and sumToSize (the broadcast-undoing sum every binary op's backward uses).
import { OP } from '../../backend/kernels/reduce';
import { DTYPES, isFloat, type DType } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { intsFromArgs, sameShape, shapeString, type IntsArgs } from '../../shape';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { defineOp } from '../define';
import { reduction } from './define-reduction';
import type { DimArg } from './layout';
import { reducedCount } from './map-reduce';

export interface SumOptions {
  dim?: DimArg;
  keepdim?: boolean;
  /** Cast the input to this dtype before reducing (PyTorch's dtype=). */
  dtype?: DType;
}

export type SumArgs = [options?: SumOptions] | [dim: DimArg, options?: SumOptions] | [dim: DimArg, keepdim: boolean, options?: SumOptions];

/** Integer and bool inputs accumulate in int32 (PyTorch: int64). */
export function boolAsInt32(x: Tensor): Tensor {
  return x.dtype === 'bool' ? cast(x, 'int32') : x;
}

/** Sum over dims (all by default). Integer and bool inputs sum to int32 (PyTorch: int64), wrapping on overflow. */
export const sum = reduction<SumArgs>('sum', {
  dtype: true,
  operand: boolAsInt32,
  kernel: OP.sum,
  // A dim (even an empty list) given: PyTorch records the dim overload's node.
  grad: { name: ['SumBackward0', 'SumBackward1'], saves: false, backward: (g, { shape }): Tensor => g.expand(shape) },
});

/** Mean over dims (all by default); floating inputs only, as PyTorch (or pass { dtype }). Empty reductions give NaN. */
export const mean = reduction<SumArgs>('mean', {
  dtype: true,
  operand: (x): Tensor => {
    if (!isFloat(x.dtype)) {
      const name = DTYPES[x.dtype].torchName.replace('torch.', '');
      throw new DTypeError(
        `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${name[0].toUpperCase()}${name.slice(1)}`,
      );
    }
    return x;
  },
  kernel: OP.mean,
  grad: { name: ['MeanBackward0', 'MeanBackward1'], saves: false, backward: (g, { shape, mask }): Tensor => g.expand(shape).div(reducedCount(shape, mask)) },
});

/**
 * Sums x down to `shape` (PyTorch's sum_to_size): the leading dims x has in excess and the dims where `shape` has
 * size 1 are summed. Returns x itself when the shape already matches.
 */
export const sumToSize = defineOp('sumToSize', (x: Tensor, ...sizes: IntsArgs): Tensor => {
  x._check();
  const shape = intsFromArgs(sizes);
  if (sameShape(shape, x.shape)) return x;
  const lead = x.ndim - shape.length;
  const expandable = lead >= 0 && shape.every((s, i) => s === x.shape[i + lead] || s === 1);
  if (!expandable) throw new ShapeError(`size {${shapeString(shape)}} is not expandable to size {${shapeString(x.shape)}}.`);
  const dims: number[] = [];
  for (let d = 0; d < x.ndim; d++) {
    if (d < lead || (shape[d - lead] === 1 && x.shape[d] !== 1)) dims.push(d);
  }
  const summed = sum(x, dims, true);
  if (lead === 0) return summed;
  const out = summed.view(shape);
  summed.dispose();
  return out;
});
