// Elementwise ops: the public functions. Their Tensor methods and in-place variants (x.exp(), x.add(y, { alpha: 2 }),
// x.clamp_(0, 1), x.maskedFill(mask, 0) ...) come from the same declarations, installed by src/methods.ts.
export {
  elu, type EluOptions, gelu, type GeluApproximate, type GeluOptions, type InplaceOptions, leakyRelu, type LeakyReluOptions,
  relu, silu, softplus, type SoftplusOptions,
} from './activations';
export {
  add, type AlphaOptions, atan2, div, type DivOptions, floorDivide, fmod, logaddexp, maximum, minimum, mul, pow, remainder,
  type RoundingMode, rsub, sub,
} from './arithmetic';
export { type Bound, clamp, clampMax, clampMin, type ClampOptions, clip } from './clamp';
export { eq, ge, gt, le, logicalAnd, logicalNot, logicalOr, logicalXor, lt, ne } from './compare';
export { addcdiv, addcmul, lerp, type ValueOptions } from './ternary';
export type { Scalar, TensorOrScalar } from './operands';
export {
  abs, asin, atan, ceil, cos, erf, exp, exp2, expm1, floor, log, log10, log1p, log2, neg, reciprocal, round, rsqrt,
  sigmoid, sign, sin, sqrt, square, tanh, trunc,
} from './unary';
export { maskedFill, where } from './where';
