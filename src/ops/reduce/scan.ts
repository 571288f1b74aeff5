// cumsum and cumprod along one dim (assembly/reduce-scan.ts: floats accumulate in float64, as PyTorch's CPU kernel).
import type { BackwardFn } from '../../autograd/node';
import { isGradEnabled } from '../../autograd/grad-mode';
import { needsGrad, record } from '../../autograd/record';
import { SCAN } from '../../backend/kernels/reduce';
import { scanInto } from '../../backend/reduce';
import { isFloat } from '../../dtype';
import { NotSupportedError } from '../../errors';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { defineOp } from '../define';
import { alongDimArgs, type AlongDimOptions } from './args';
import { alongDim } from './layout';

export type CumulativeOptions = AlongDimOptions;

type CumulativeArgs = [dim: number, options?: CumulativeOptions] | [options: CumulativeOptions];

/** The scan kernel over dim d: op SCAN.sum or SCAN.prod; flags from SCAN. */
function scanKernel(x: Tensor, d: number, op: number, flags: number): Tensor {
  return alongDim(x, d, (src, dst, split) => scanInto(src, dst, split, op, flags));
}

/** Input after the dtype option; bool and int32 scan as int32 (PyTorch: int64). */
function scanInput(op: string, x: Tensor, args: readonly unknown[]): { d: number; input: Tensor; converted: Tensor } {
  const { d, input } = alongDimArgs(op, x, args, 'the dim');
  const converted = input.dtype === 'bool' ? cast(input, 'int32') : input;
  return { d, input, converted };
}

/** The gradient of the reversed cumsum along d (args) is the cumsum. */
const reversedCumsumBackward: BackwardFn<number> = ([gg], _, d) => [cumsum(gg, d)];

/**
 * Sum of g over the positions at or after each index along d (the gradient of cumsum); its own gradient is cumsum,
 * so derivatives of any order follow.
 */
function reversedCumsum(g: Tensor, d: number): Tensor {
  const out = scanKernel(g, d, SCAN.sum, SCAN.reverse);
  if (needsGrad(g)) record('ReversedCumsumBackward0', [g], [out], reversedCumsumBackward, [], d);
  return out;
}

const cumsumBackward: BackwardFn<number> = ([g], _, d) => [reversedCumsum(g, d)];

/** Running sum along dim. */
export const cumsum = defineOp('cumsum', (x: Tensor, ...args: CumulativeArgs): Tensor => {
  x._check();
  const { d, input, converted } = scanInput('cumsum', x, args);
  const out = scanKernel(converted, d, SCAN.sum, 0);
  if (needsGrad(input) && isFloat(out.dtype)) record('CumsumBackward0', [input], [out], cumsumBackward, [], d);
  if (converted !== input) converted.dispose();
  if (input !== x) input.dispose();
  return out;
});

/**
 * The gradient of cumprod along d, y = cumprod(x): dL/dx_i = sum over k >= i of g_k * prod_{j <= k, j != i} x_j.
 * Without zeros that is reversed_cumsum(g * y) / x. With zeros, per slice, z being the first zero and z2 the
 * second (or the end), as PyTorch's cumprod_backward:
 *   i < z: reversed_cumsum(g * y, restricted to k < z) / x_i (y vanishes from z on);
 *   i = z: y_{z-1} * sum_{z <= k < z2} g_k * prod_{z < j <= k} x_j (1 for y_{-1});
 *   i > z: 0 (every product holds x_z).
 * The pieces are selected, never multiplied by a 0/1 mask, so that an infinite or overflowing product in one
 * piece does not turn the others into NaN. That piecewise form has the right value but not the right derivatives
 * at the zeros, so higher derivatives of an input holding zeros are refused.
 */
const cumprodBackward: BackwardFn<number> = ([g], [x, y], d) => {
  const zero = x.eq(0);
  if (!(zero.any().item() as boolean)) return [reversedCumsum(g.mul(y), d).div(x)];
  if (isGradEnabled()) {
    throw new NotSupportedError('cumprod: derivatives of second or higher order are not supported for inputs that contain zeros');
  }
  const zerosSoFar = cumsum(zero, d);
  const before = zerosSoFar.eq(0);
  const untilFirst = reversedCumsum(g.mul(y).where(before, 0), d).div(x).where(before, 0);
  const firstRun = zerosSoFar.eq(1); // from the first zero up to the second
  const firstZero = firstRun.logicalAnd(zero);
  const productsAfter = cumprod(x.where(firstRun.logicalAnd(firstZero.logicalNot()), 1), d);
  const runSum = productsAfter.mul(g.where(firstRun, 0)).sum(d, true);
  // y_{z-1} (1 for z = 0) at the first zero and after it: the cumprod of x with the zeros and all after them as 1
  const prefix = cumprod(x.where(before, 1), d);
  return [untilFirst.add(runSum.mul(prefix).where(firstZero, 0))];
};

/** Running product along dim (its gradient handles zeros as PyTorch's, to first order). */
export const cumprod = defineOp('cumprod', (x: Tensor, ...args: CumulativeArgs): Tensor => {
  x._check();
  const { d, input, converted } = scanInput('cumprod', x, args);
  const out = scanKernel(converted, d, SCAN.prod, 0);
  if (needsGrad(input) && isFloat(out.dtype)) record('CumprodBackward0', [input], [out], cumprodBackward, [input, out], d);
  if (converted !== input) converted.dispose();
  if (input !== x) input.dispose();
  return out;
});
