// all, any (bool results) and countNonzero (int32): the input is read as bool (x != 0), then reduced as bytes.
import { OP } from '../../backend/kernels/reduce';
import { full } from '../../creation/factories';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { boolArg, namedArgs } from './args';
import { reduceMask, reducedShape, type DimArg } from './layout';
import { mapReduce } from './map-reduce';

export interface LogicalReduceOptions {
  dim?: DimArg;
  keepdim?: boolean;
}

type LogicalArgs = [dim?: DimArg, keepdim?: boolean] | [options: LogicalReduceOptions] | [dim: DimArg, options: LogicalReduceOptions];

function logicalReduce(op: 'all' | 'any', x: Tensor, args: readonly unknown[]): Tensor {
  x._check();
  const a = namedArgs<LogicalReduceOptions>(op, ['dim', 'keepdim'], args);
  const keepdim = boolArg(op, 'keepdim', a.keepdim, false);
  const mask = reduceMask(a.dim, x.ndim, op);
  // An empty reduction is true for all and false for any (the identities of and / or).
  if (x.numel() === 0) return full(reducedShape(x.shape, mask, keepdim), op === 'all', { dtype: 'bool' });
  const asBool = x.dtype === 'bool' ? x : cast(x, 'bool');
  const out = mapReduce(asBool, mask, keepdim, op === 'all' ? OP.min : OP.max);
  if (asBool !== x) asBool.dispose();
  return out;
}

/** True where every element along dims (all by default) is nonzero. */
export function all(x: Tensor, ...args: LogicalArgs): Tensor {
  return logicalReduce('all', x, args);
}

/** True where some element along dims (all by default) is nonzero. */
export function any(x: Tensor, ...args: LogicalArgs): Tensor {
  return logicalReduce('any', x, args);
}

/** Number of nonzero elements over dims (all by default), as int32 (PyTorch: int64). */
export function countNonzero(x: Tensor, dim?: DimArg | { dim?: DimArg }): Tensor {
  x._check();
  const d = typeof dim === 'object' && dim !== null && !Array.isArray(dim) ? (dim as { dim?: DimArg }).dim : (dim as DimArg);
  const mask = reduceMask(d, x.ndim, 'count_nonzero');
  const asBool = x.dtype === 'bool' ? x : cast(x, 'bool');
  const asInt = cast(asBool, 'int32');
  if (asBool !== x) asBool.dispose();
  const out = mapReduce(asInt, mask, false, OP.sum);
  asInt.dispose();
  return out;
}

declare module '../../tensor' {
  interface Tensor {
    all(dim?: DimArg, keepdim?: boolean): Tensor;
    all(options: LogicalReduceOptions): Tensor;
    all(dim: DimArg, options: LogicalReduceOptions): Tensor;
    any(dim?: DimArg, keepdim?: boolean): Tensor;
    any(options: LogicalReduceOptions): Tensor;
    any(dim: DimArg, options: LogicalReduceOptions): Tensor;
    countNonzero(dim?: DimArg | { dim?: DimArg }): Tensor;
  }
}
