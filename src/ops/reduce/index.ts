// Reductions: the public functions (their Tensor methods come from the op table, src/methods.ts).

export { mean, sum, sumToSize, type SumOptions } from './sum';
export { prod, type ProdOptions } from './prod';
export { max, min, amax, amin, argmax, argmin, ValuesIndices, type DimKeepdimOptions, type DimsKeepdimOptions } from './extrema';
export { norm, type NormOptions, type NormOrder } from './norm';
export { var as variance, var, std, varMean, stdMean, type VarOptions } from './variance';
export { softmax, logSoftmax, logsumexp, type SoftmaxOptions, type LogsumexpOptions } from './softmax';
export { cumsum, cumprod, type CumulativeOptions } from './scan';
export { all, any, countNonzero, type LogicalReduceOptions, type CountNonzeroOptions } from './logical';
export type { DimArg as ReduceDims } from './layout';
