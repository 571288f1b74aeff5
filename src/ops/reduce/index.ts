// Reductions: the public functions (their Tensor methods come from the op table, src/methods.ts).
// The backward formulas are written with the elementwise ops (x.mul, x.eq, x.maskedFill ...): load their methods.
import '../elementwise';

export { mean, sum, sumToSize, type SumOptions } from './sum';
export { prod, type ProdOptions } from './prod';
import { max as maxOp, min as minOp, type ExtremeFn } from './extrema';

export { amax, amin, argmax, argmin, ValuesIndices, type DimKeepdimOptions, type DimsKeepdimOptions } from './extrema';
/** max() of every element; max(dim, keepdim?) as { values, indices }; max(other) is the elementwise maximum. */
export const max = maxOp as ExtremeFn & typeof maxOp;
/** min() of every element; min(dim, keepdim?) as { values, indices }; min(other) is the elementwise minimum. */
export const min = minOp as ExtremeFn & typeof minOp;
export { norm, type NormOptions, type NormOrder } from './norm';
export { var as variance, var, std, varMean, stdMean, type VarOptions } from './variance';
export { softmax, logSoftmax, logsumexp, type SoftmaxOptions, type LogsumexpOptions } from './softmax';
export { cumsum, cumprod, type CumulativeOptions } from './scan';
export { all, any, countNonzero, type LogicalReduceOptions } from './logical';
export type { DimArg as ReduceDims } from './layout';
