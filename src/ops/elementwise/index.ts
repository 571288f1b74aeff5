// Elementwise ops: the public functions. Importing this module also installs them (and the in-place variants) as
// Tensor methods: x.exp(), x.add(y, { alpha: 2 }), x.clamp_(0, 1), x.maskedFill(mask, 0) ...
import type { Tensor } from '../../tensor';
import { installMethods } from '../install';
import {
  elu, type EluOptions, gelu, type GeluApproximate, type GeluOptions, type InplaceOptions, leakyRelu, type LeakyReluOptions,
  relu, silu, softplus, type SoftplusOptions,
} from './activations';
import {
  add, type AlphaOptions, atan2, div, type DivOptions, floorDivide, fmod, maximum, minimum, mul, pow, remainder, rsub, sub,
} from './arithmetic';
import { type Bound, clamp, clampMax, clampMin, type ClampOptions, clip } from './clamp';
import { eq, ge, gt, le, logicalAnd, logicalNot, logicalOr, logicalXor, lt, ne } from './compare';
import * as inplace from './inplace';
import type { Scalar, TensorOrScalar } from './operands';
import {
  abs, asin, atan, ceil, cos, erf, exp, exp2, expm1, floor, log, log10, log1p, log2, neg, reciprocal, round, rsqrt,
  sigmoid, sign, sin, sqrt, square, tanh, trunc,
} from './unary';
import { maskedFill, where } from './where';

export {
  neg, abs, sqrt, rsqrt, exp, exp2, expm1, log, log2, log10, log1p, sin, cos, tanh, sigmoid, atan, asin, erf, sign,
  floor, ceil, trunc, round, reciprocal, square,
  relu, leakyRelu, elu, silu, gelu, softplus,
  clamp, clip, clampMin, clampMax,
  add, sub, rsub, mul, div, floorDivide, pow, maximum, minimum, atan2, fmod, remainder,
  eq, ne, lt, le, gt, ge, logicalNot, logicalAnd, logicalOr, logicalXor,
  where, maskedFill,
};
export type {
  AlphaOptions, DivOptions, ClampOptions, Bound, EluOptions, GeluApproximate, GeluOptions, InplaceOptions, LeakyReluOptions,
  SoftplusOptions, Scalar, TensorOrScalar,
};
export type { RoundingMode } from './arithmetic';

declare module '../../tensor' {
  interface Tensor {
    relu(): Tensor;
    leakyRelu(negativeSlope?: number | LeakyReluOptions): Tensor;
    elu(alpha?: number | EluOptions): Tensor;
    silu(): Tensor;
    gelu(approximate?: GeluApproximate | GeluOptions): Tensor;
    softplus(beta?: number | SoftplusOptions, threshold?: number): Tensor;
    clamp(min?: Bound | ClampOptions, max?: Bound): Tensor;
    clip(min?: Bound | ClampOptions, max?: Bound): Tensor;
    clampMin(min: number | Tensor): Tensor;
    clampMax(max: number | Tensor): Tensor;
    add(other: TensorOrScalar, options?: AlphaOptions): Tensor;
    sub(other: TensorOrScalar, options?: AlphaOptions): Tensor;
    rsub(other: TensorOrScalar, options?: AlphaOptions): Tensor;
    mul(other: TensorOrScalar): Tensor;
    div(other: TensorOrScalar, options?: DivOptions): Tensor;
    floorDivide(other: TensorOrScalar): Tensor;
    pow(exponent: TensorOrScalar): Tensor;
    maximum(other: TensorOrScalar): Tensor;
    minimum(other: TensorOrScalar): Tensor;
    atan2(other: TensorOrScalar): Tensor;
    fmod(other: TensorOrScalar): Tensor;
    remainder(other: TensorOrScalar): Tensor;
    eq(other: TensorOrScalar): Tensor;
    ne(other: TensorOrScalar): Tensor;
    lt(other: TensorOrScalar): Tensor;
    le(other: TensorOrScalar): Tensor;
    gt(other: TensorOrScalar): Tensor;
    ge(other: TensorOrScalar): Tensor;
    logicalNot(): Tensor;
    logicalAnd(other: TensorOrScalar): Tensor;
    logicalOr(other: TensorOrScalar): Tensor;
    logicalXor(other: TensorOrScalar): Tensor;
    /** torch.Tensor.where: condition ? this : other. */
    where(condition: Tensor, other: TensorOrScalar): Tensor;
    maskedFill(mask: Tensor, value: Scalar | Tensor): Tensor;

    add_(other: TensorOrScalar, options?: AlphaOptions): Tensor;
    sub_(other: TensorOrScalar, options?: AlphaOptions): Tensor;
    mul_(other: TensorOrScalar): Tensor;
    div_(other: TensorOrScalar, options?: DivOptions): Tensor;
    pow_(exponent: TensorOrScalar): Tensor;
    fmod_(other: TensorOrScalar): Tensor;
    remainder_(other: TensorOrScalar): Tensor;
    atan2_(other: TensorOrScalar): Tensor;
    clamp_(min?: Bound | ClampOptions, max?: Bound): Tensor;
    clip_(min?: Bound | ClampOptions, max?: Bound): Tensor;
    clampMin_(min: number | Tensor): Tensor;
    clampMax_(max: number | Tensor): Tensor;
    maskedFill_(mask: Tensor, value: Scalar | Tensor): Tensor;
    fill_(value: Scalar | Tensor): Tensor;
    zero_(): Tensor;
    relu_(): Tensor;
    leakyRelu_(negativeSlope?: number): Tensor;
    elu_(alpha?: number): Tensor;
  }
}

installMethods({
  relu: (x: Tensor) => relu(x),
  leakyRelu: (x: Tensor, negativeSlope?: number | LeakyReluOptions) => leakyRelu(x, negativeSlope),
  elu: (x: Tensor, alpha?: number | EluOptions) => elu(x, alpha),
  silu, gelu, softplus,
  clamp, clip, clampMin, clampMax,
  add, sub, rsub, mul, div, floorDivide, pow, maximum, minimum, atan2, fmod, remainder,
  eq, ne, lt, le, gt, ge, logicalNot, logicalAnd, logicalOr, logicalXor,
  where: (x: Tensor, condition: Tensor, other: TensorOrScalar) => where(condition, x, other),
  maskedFill,
  add_: inplace.add_,
  sub_: inplace.sub_,
  mul_: inplace.mul_,
  div_: inplace.div_,
  pow_: inplace.pow_,
  fmod_: inplace.fmod_,
  remainder_: inplace.remainder_,
  atan2_: inplace.atan2_,
  clamp_: inplace.clamp_,
  clip_: inplace.clip_,
  clampMin_: inplace.clampMin_,
  clampMax_: inplace.clampMax_,
  maskedFill_: inplace.maskedFill_,
  fill_: inplace.fill_,
  zero_: inplace.zero_,
  relu_: inplace.relu_,
  leakyRelu_: inplace.leakyRelu_,
  elu_: inplace.elu_,
});
