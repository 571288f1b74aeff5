// all, any (bool results) and countNonzero (int32): the input is read as bool (x != 0), then reduced as bytes.
import { OP } from '../../backend/kernels/reduce';
import { full } from '../../creation/factories';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { defineOp } from '../define';
import { namedArgs } from './args';
import { reduction } from './define-reduction';
import { reduceMask, reducedShape, type DimArg, type ReduceMask } from './layout';
import { mapReduce } from './map-reduce';

export interface LogicalReduceOptions {
  dim?: DimArg;
  keepdim?: boolean;
}

export interface CountNonzeroOptions {
  dim?: DimArg;
}

type LogicalArgs = [dim?: DimArg, keepdim?: boolean] | [options: LogicalReduceOptions] | [dim: DimArg, options: LogicalReduceOptions];

function asBool(x: Tensor): Tensor {
  return x.dtype === 'bool' ? x : cast(x, 'bool');
}

/** The min (all) or max (any) of the bytes; an empty reduction is the identity of and (true) or or (false). */
function logicalKernel(op: number, empty: boolean) {
  return (x: Tensor, mask: ReduceMask, keepdim: boolean): Tensor =>
    x.numel() === 0 ? full(reducedShape(x.shape, mask, keepdim), empty, { dtype: 'bool' }) : mapReduce(x, mask, keepdim, op);
}

/** True where every element along dims (all by default) is nonzero. */
export const all = reduction<LogicalArgs>('all', { operand: asBool, kernel: logicalKernel(OP.min, true) });

/** True where some element along dims (all by default) is nonzero. */
export const any = reduction<LogicalArgs>('any', { operand: asBool, kernel: logicalKernel(OP.max, false) });

/** Number of nonzero elements over dims (all by default), as int32 (PyTorch: int64). */
export const countNonzero = defineOp('countNonzero', (x: Tensor, ...args: [dim?: DimArg] | [options: CountNonzeroOptions]): Tensor => {
  x._check();
  const { dim } = namedArgs<CountNonzeroOptions>('count_nonzero', ['dim'], args);
  const mask = reduceMask(dim, x.ndim, 'count_nonzero');
  const bools = asBool(x);
  const asInt = cast(bools, 'int32');
  if (bools !== x) bools.dispose();
  const out = mapReduce(asInt, mask, false, OP.sum);
  asInt.dispose();
  return out;
});
