// Reductions: the public functions (importing this module also installs them as Tensor methods).
// The backward formulas are written with the elementwise ops (x.mul, x.eq, x.maskedFill ...): load their methods.
import '../elementwise';
import { installMethods } from '../install';
import { amax, amin, argmax, argmin, max, min } from './extrema';
import { all, any, countNonzero } from './logical';
import { norm } from './norm';
import { prod } from './prod';
import { cumprod, cumsum } from './scan';
import { logSoftmax, logsumexp, softmax } from './softmax';
import { mean, sum, sumToSize } from './sum';
import { std, stdMean, variance, varMean } from './variance';

export { mean, sum, sumToSize, type SumOptions } from './sum';
export { prod, type ProdOptions } from './prod';
export { max, min, amax, amin, argmax, argmin, ValuesIndices, type DimKeepdimOptions, type DimsKeepdimOptions } from './extrema';
export { norm, type NormOptions, type NormOrder } from './norm';
export { variance, variance as var, std, varMean, stdMean, type VarOptions } from './variance';
export { softmax, logSoftmax, logsumexp, type SoftmaxOptions, type LogsumexpOptions } from './softmax';
export { cumsum, cumprod, type CumulativeOptions } from './scan';
export { all, any, countNonzero, type LogicalReduceOptions } from './logical';
export type { DimArg as ReduceDims } from './layout';

installMethods({
  sum,
  mean,
  sumToSize,
  prod,
  max,
  min,
  amax,
  amin,
  argmax,
  argmin,
  norm,
  var: variance,
  std,
  varMean,
  stdMean,
  softmax,
  logSoftmax,
  logsumexp,
  cumsum,
  cumprod,
  all,
  any,
  countNonzero,
});
