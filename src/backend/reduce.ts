// Drivers of the reduction, softmax and scan kernels (assembly/reduce-*.ts). The op layer plans the layout and
// allocates the outputs; a driver only launches. One convention picks every kernel: each family comes as an
// Inner / Outer pair (inner when cols === 1: the reduced elements of each output are contiguous), one kernel per
// element type, taken from a byDType table by the source's dtype (bool read as bytes).
// Inputs are dense in memory from their first element (contiguous, or a dense permutation the plan laid out);
// outputs are contiguous. A driver launches nothing when there is no output element.
import type { TensorBuffer } from './buffer';
import { byDType, kernelFor } from './kernel-table';

const REDUCE_INNER = byDType('reduceInner');
const REDUCE_OUTER = byDType('reduceOuter');
const ARG_REDUCE_INNER = byDType('argReduceInner');
const ARG_REDUCE_OUTER = byDType('argReduceOuter');
const VARIANCE_INNER = byDType('varianceInner');
const VARIANCE_OUTER = byDType('varianceOuter');
const LOGSUMEXP_INNER = byDType('logsumexpInner');
const LOGSUMEXP_OUTER = byDType('logsumexpOuter');
const SOFTMAX_INNER = byDType('softmaxInner');
const SOFTMAX_OUTER = byDType('softmaxOuter');
const SCAN_INNER = byDType('scanInner');
const SCAN_OUTER = byDType('scanOuter');

/**
 * The block a kernel walks: outer x len x cols elements, over len (the reduced dim, or the dim of a softmax or
 * scan), the cols contiguous.
 */
export interface ReduceShape {
  readonly outer: number;
  readonly len: number;
  readonly cols: number;
}

/** dst[o, c] = op (an OP code) over src[o, 0..len, c], in src's dtype. p: the order of OP.normP. */
export function mapReduceInto(src: TensorBuffer, dst: TensorBuffer, { outer, len, cols }: ReduceShape, op: number, p: number): void {
  if (outer * cols === 0) return;
  if (cols === 1) kernelFor(REDUCE_INNER, src.dtype, 'reduce', op)(op, src._ptr, dst._ptr, outer, len, p);
  else kernelFor(REDUCE_OUTER, src.dtype, 'reduce', op)(op, src._ptr, dst._ptr, outer, len, cols, p);
}

/**
 * The max (or min) over len and its int32 index along len, first occurrence on ties, the first NaN when there is
 * one; values may be null (indices only). len must be > 0.
 */
export function argReduceInto(src: TensorBuffer, values: TensorBuffer | null, indices: TensorBuffer, { outer, len, cols }: ReduceShape, isMin: boolean): void {
  if (outer * cols === 0) return;
  const flag = isMin ? 1 : 0;
  const valuesPtr = values === null ? 0 : values._ptr;
  if (cols === 1) kernelFor(ARG_REDUCE_INNER, src.dtype, 'argReduce')(flag, src._ptr, valuesPtr, indices._ptr, outer, len);
  else kernelFor(ARG_REDUCE_OUTER, src.dtype, 'argReduce')(flag, src._ptr, valuesPtr, indices._ptr, outer, len, cols);
}

/** Float types: the variance over len, m2 / max(0, len - correction) (its sqrt when takeSqrt), and the mean unless null. */
export function varianceInto(
  src: TensorBuffer,
  variance: TensorBuffer,
  mean: TensorBuffer | null,
  { outer, len, cols }: ReduceShape,
  correction: number,
  takeSqrt: boolean,
): void {
  if (outer * cols === 0) return;
  const meanPtr = mean === null ? 0 : mean._ptr;
  const sqrt = takeSqrt ? 1 : 0;
  if (cols === 1) kernelFor(VARIANCE_INNER, src.dtype, 'variance')(src._ptr, variance._ptr, meanPtr, outer, len, correction, sqrt);
  else kernelFor(VARIANCE_OUTER, src.dtype, 'variance')(src._ptr, variance._ptr, meanPtr, outer, len, cols, correction, sqrt);
}

/** Float types: log(sum(exp(x))) over len, shifted by the maximum. */
export function logsumexpInto(src: TensorBuffer, dst: TensorBuffer, { outer, len, cols }: ReduceShape): void {
  if (outer * cols === 0) return;
  if (cols === 1) kernelFor(LOGSUMEXP_INNER, src.dtype, 'logsumexp')(src._ptr, dst._ptr, outer, len);
  else kernelFor(LOGSUMEXP_OUTER, src.dtype, 'logsumexp')(src._ptr, dst._ptr, outer, len, cols);
}

/** Float types: softmax (or log-softmax) over len; dst has src's shape. */
export function softmaxInto(src: TensorBuffer, dst: TensorBuffer, { outer, len, cols }: ReduceShape, log: boolean): void {
  if (outer * len * cols === 0) return;
  const flag = log ? 1 : 0;
  if (cols === 1) kernelFor(SOFTMAX_INNER, src.dtype, 'softmax')(flag, src._ptr, dst._ptr, outer, len);
  else kernelFor(SOFTMAX_OUTER, src.dtype, 'softmax')(flag, src._ptr, dst._ptr, outer, len, cols);
}

/** float32, float64, int32: the running sum or product (SCAN.sum, SCAN.prod) over len, with SCAN flags; dst has src's shape. */
export function scanInto(src: TensorBuffer, dst: TensorBuffer, { outer, len, cols }: ReduceShape, op: number, flags: number): void {
  if (outer * len * cols === 0) return;
  if (cols === 1) kernelFor(SCAN_INNER, src.dtype, 'scan')(op, flags, src._ptr, dst._ptr, outer, len);
  else kernelFor(SCAN_OUTER, src.dtype, 'scan')(op, flags, src._ptr, dst._ptr, outer, len, cols);
}
