// sum, mean and sumToSize (the broadcast-undoing sum every binary op's backward uses).
import { needsGrad, record } from '../../autograd/record';
import { OP } from '../../backend/kernels/reduce';
import { checkDType, DTYPES, isFloat, type DType } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { intsFromArgs, sameShape, shapeString, type IntsArgs } from '../../shape';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { boolArg, namedArgs } from './args';
import { reduceMask, type DimArg } from './layout';
import { mapReduce, reducedCount, restoreReducedDims } from './map-reduce';

export interface SumOptions {
  dim?: DimArg;
  keepdim?: boolean;
  /** Cast the input to this dtype before reducing (PyTorch's dtype=). */
  dtype?: DType;
}

export type SumArgs = [options?: SumOptions] | [dim: DimArg, options?: SumOptions] | [dim: DimArg, keepdim: boolean, options?: SumOptions];

interface Parsed {
  dim: DimArg;
  keepdim: boolean;
  dtype: DType | undefined;
  /** True when a dim (even an empty list) was given: PyTorch then records the dim overload's node. */
  hasDim: boolean;
}

function parse(op: string, args: readonly unknown[]): Parsed {
  const a = namedArgs<SumOptions>(op, ['dim', 'keepdim'], args, ['dtype']);
  return {
    dim: a.dim,
    keepdim: boolArg(op, 'keepdim', a.keepdim, false),
    dtype: a.dtype === undefined ? undefined : checkDType(a.dtype),
    hasDim: a.dim != null,
  };
}

/** The input converted as the dtype option asks (with autograd), or x itself. */
function withDType(x: Tensor, dtype: DType | undefined): Tensor {
  return dtype === undefined || dtype === x.dtype ? x : x.to(dtype);
}

/** Sum over dims (all by default). Integer and bool inputs sum to int32 (PyTorch: int64), wrapping on overflow. */
export function sum(x: Tensor, ...args: SumArgs): Tensor {
  x._check();
  const { dim, keepdim, dtype, hasDim } = parse('sum', args);
  const input = withDType(x, dtype);
  const mask = reduceMask(dim, input.ndim, 'sum');
  const asInt = input.dtype === 'bool' ? cast(input, 'int32') : input;
  const out = mapReduce(asInt, mask, keepdim, OP.sum);
  if (needsGrad(input) && isFloat(out.dtype)) {
    const inShape = input.shape;
    if (hasDim) record('SumBackward1', [input], [out], ([g]) => [restoreReducedDims(g!, mask, keepdim).expand(inShape)]);
    else record('SumBackward0', [input], [out], ([g]) => [g!.expand(inShape)]);
  }
  if (asInt !== input) asInt.dispose();
  if (input !== x) input.dispose();
  return out;
}

/** Mean over dims (all by default); floating inputs only, as PyTorch (or pass { dtype }). Empty reductions give NaN. */
export function mean(x: Tensor, ...args: SumArgs): Tensor {
  x._check();
  const { dim, keepdim, dtype, hasDim } = parse('mean', args);
  const input = withDType(x, dtype);
  if (!isFloat(input.dtype)) {
    const name = DTYPES[input.dtype].torchName.replace('torch.', '');
    throw new DTypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${name[0].toUpperCase()}${name.slice(1)}`,
    );
  }
  const mask = reduceMask(dim, input.ndim, 'mean');
  const out = mapReduce(input, mask, keepdim, OP.mean);
  if (needsGrad(input)) {
    const inShape = input.shape;
    const n = reducedCount(inShape, mask);
    if (hasDim) record('MeanBackward1', [input], [out], ([g]) => [restoreReducedDims(g!, mask, keepdim).expand(inShape).div(n)]);
    else record('MeanBackward0', [input], [out], ([g]) => [g!.expand(inShape).div(n)]);
  }
  if (input !== x) input.dispose();
  return out;
}

/**
 * Sums x down to `shape` (PyTorch's sum_to_size): the leading dims x has in excess and the dims where `shape` has
 * size 1 are summed. Returns x itself when the shape already matches.
 */
export function sumToSize(x: Tensor, ...sizes: IntsArgs): Tensor {
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
}

declare module '../../tensor' {
  interface Tensor {
    sum(options?: SumOptions): Tensor;
    sum(dim: DimArg, options?: SumOptions): Tensor;
    sum(dim: DimArg, keepdim: boolean, options?: SumOptions): Tensor;
    mean(options?: SumOptions): Tensor;
    mean(dim: DimArg, options?: SumOptions): Tensor;
    mean(dim: DimArg, keepdim: boolean, options?: SumOptions): Tensor;
    sumToSize(...shape: number[]): Tensor;
    sumToSize(shape: readonly number[]): Tensor;
  }
}
