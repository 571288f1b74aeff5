// cumsum and cumprod along one dim (assembly/reduce-scan.ts: floats accumulate in float64, as PyTorch's CPU kernel).
import { isGradEnabled } from '../../autograd/grad-mode';
import { needsGrad, record } from '../../autograd/record';
import { kernels } from '../../backend/wasm';
import { SCAN } from '../../backend/kernels/reduce';
import { DTYPES, isFloat } from '../../dtype';
import { NotSupportedError } from '../../errors';
import { Tensor } from '../../tensor';
import { cast } from '../cast';
import { alongDimArgs, type AlongDimOptions } from './args';
import { alongDim } from './layout';

export type CumulativeOptions = AlongDimOptions;

/** The scan kernel over dim d: op SCAN.sum or SCAN.prod; flags from SCAN. */
function scanKernel(x: Tensor, d: number, op: number, flags: number): Tensor {
  const code = DTYPES[x.dtype].code;
  return alongDim(x, d, (src, dst, { outer, len, cols }) => {
    if (cols === 1) kernels.scanInner(code, op, flags, src, dst, outer, len);
    else kernels.scanOuter(code, op, flags, src, dst, outer, len, cols);
  });
}

/** Input after the dtype option; bool and int32 scan as int32 (PyTorch: int64). */
function scanInput(op: string, x: Tensor, args: readonly unknown[]): { d: number; input: Tensor; converted: Tensor } {
  const { d, input } = alongDimArgs(op, x, args, 'the dim');
  const converted = input.dtype === 'bool' ? cast(input, 'int32') : input;
  return { d, input, converted };
}

/**
 * Sum of g over the positions at or after each index along d (the gradient of cumsum); its own gradient is cumsum,
 * so derivatives of any order follow.
 */
function reversedCumsum(g: Tensor, d: number): Tensor {
  const out = scanKernel(g, d, SCAN.sum, SCAN.reverse);
  if (needsGrad(g)) record('ReversedCumsumBackward0', [g], [out], ([gg]) => [cumsum(gg!, d)]);
  return out;
}

/** Running sum along dim. */
export function cumsum(x: Tensor, ...args: [dim: number, options?: CumulativeOptions] | [options: CumulativeOptions]): Tensor {
  x._check();
  const { d, input, converted } = scanInput('cumsum', x, args);
  const out = scanKernel(converted, d, SCAN.sum, 0);
  if (needsGrad(input) && isFloat(out.dtype)) record('CumsumBackward0', [input], [out], ([g]) => [reversedCumsum(g!, d)]);
  if (converted !== input) converted.dispose();
  if (input !== x) input.dispose();
  return out;
}

/**
 * The gradient of cumprod along d, y = cumprod(x): dL/dx_i = sum over k >= i of g_k * prod_{j <= k, j != i} x_j.
 * Without zeros that is reversed_cumsum(g * y) / x. With zeros, per slice, z being the first zero:
 *   i < z: the same formula (y vanishes from z on, so only k < z contribute);
 *   i = z: reversed_cumsum(g * y')_z, where y' is the cumprod with x_z replaced by 1;
 *   i > z: 0 (every product holds x_z).
 * That piecewise form has the right value but not the right derivatives at the zeros, so higher derivatives of an
 * input holding zeros are refused.
 */
function cumprodBackward(g: Tensor, x: Tensor, y: Tensor, d: number): Tensor {
  const zero = x.eq(0);
  if (!(zero.any().item() as boolean)) return reversedCumsum(g.mul(y), d).div(x);
  if (isGradEnabled()) {
    throw new NotSupportedError('cumprod: derivatives of second or higher order are not supported for inputs that contain zeros');
  }
  const zerosSoFar = cumsum(zero, d);
  const before = zerosSoFar.eq(0).to(g.dtype);
  const firstZero = zerosSoFar.eq(1).to(g.dtype).mul(zero.to(g.dtype));
  const untilFirst = reversedCumsum(g.mul(y), d).div(x.maskedFill(zero, 1)).mul(before);
  const yWithoutFirst = cumprod(x.maskedFill(firstZero.to('bool'), 1), d);
  return untilFirst.add(reversedCumsum(g.mul(yWithoutFirst), d).mul(firstZero));
}

/** Running product along dim (its gradient handles zeros as PyTorch's, to first order). */
export function cumprod(x: Tensor, ...args: [dim: number, options?: CumulativeOptions] | [options: CumulativeOptions]): Tensor {
  x._check();
  const { d, input, converted } = scanInput('cumprod', x, args);
  const out = scanKernel(converted, d, SCAN.prod, 0);
  if (needsGrad(input) && isFloat(out.dtype)) {
    record('CumprodBackward0', [input], [out], ([g], [xs, y]) => [cumprodBackward(g!, xs, y, d)], [input, out]);
  }
  if (converted !== input) converted.dispose();
  if (input !== x) input.dispose();
  return out;
}

declare module '../../tensor' {
  interface Tensor {
    cumsum(dim: number, options?: CumulativeOptions): Tensor;
    cumsum(options: CumulativeOptions): Tensor;
    cumprod(dim: number, options?: CumulativeOptions): Tensor;
    cumprod(options: CumulativeOptions): Tensor;
  }
}
