// Pooling: max/avg pooling (2-D, and 1-D as 2-D with unit height) and their adaptive forms.
// Every form is a "window plan": per output row/column the input range it reads, computed once in the host
// (O(outH + outW)); the kernels (assembly/nn-pool.ts) only loop over windows. Backward passes are differentiable:
// average pooling and its backward are each other's adjoints, and max pooling's backward scatters the gradient
// to the argmax positions, whose adjoint gathers from them.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { contiguousValue } from '../../autograd/forward-value';
import {
  avgPoolBackwardInto, avgPoolInto, maxPoolInto, planeGatherInto, planeScatterAddInto, type PoolWindows,
} from '../../backend/nn-pool';
import { DTYPES } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { defineOp } from '../../ops/define';
import { numelOf } from '../../shape';
import { Tensor } from '../../tensor';
import { expandInts, namedArgs, type IntOrPair, type PositionalOrOptions } from './args';

/** Which input rows/columns each output reads, and the grad_fn names of the pooling op and of its backward (seen with createGraph). */
interface WindowPlan extends PoolWindows {
  name: string;
  backwardName: string;
}

function floatInput(fn: string, x: Tensor): void {
  x._check();
  if (!DTYPES[x.dtype].isFloat) throw new DTypeError(`${fn}: expected a floating point input, got ${DTYPES[x.dtype].torchName}`);
}

function leadingOf(x: Tensor): { lead: number[]; P: number } {
  const lead = x.shape.slice(0, -2);
  return { lead, P: numelOf(lead) };
}

/**
 * A new [.., rows, cols] tensor computed from x's P planes by `run(src, out, P)` (x's contiguous planes and the
 * output; not called when the output is empty). Autograd is recorded by the caller.
 */
function fromPlanes(x: Tensor, rows: number, cols: number, run: (src: Tensor, out: Tensor, P: number) => void): Tensor {
  const { lead, P } = leadingOf(x);
  const src = contiguousValue(x); // the planes, copied outside autograd when strided
  const out = Tensor._empty([...lead, rows, cols], x.dtype);
  try {
    if (out.numel() > 0) run(src, out, P);
  } finally {
    if (src !== x) src.dispose();
  }
  return out;
}

// Static backward formulas; the plan is the node's args, the argmax indices its saved tensor.
const avgWindowsBackward: BackwardFn<WindowPlan> = ([g], _, plan) => [avgWindowsAdjoint(g, plan)];
const avgWindowsAdjointBackward: BackwardFn<WindowPlan> = ([g], _, plan) => [avgWindows(g, plan)];
const toArgmaxBackward: BackwardFn<WindowPlan> = ([g], [indices], plan) => [scatterToArgmax(g, indices, plan)];
const scatterToArgmaxBackward: BackwardFn<WindowPlan> = ([g], [indices], plan) => [gatherAtArgmax(g, indices, plan)];

// ---------------------------------------------------------------- average windows (and their adjoint)

function avgWindows(x: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(x, plan.OH, plan.OW, (src, dst, P) => avgPoolInto(src, dst, P, plan));
  if (needsGrad(x)) record(plan.name, [x], [out], avgWindowsBackward, [], plan);
  return out;
}

function avgWindowsAdjoint(g: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(g, plan.H, plan.W, (src, dst, P) => avgPoolBackwardInto(src, dst, P, plan));
  if (needsGrad(g)) record(plan.backwardName, [g], [out], avgWindowsAdjointBackward, [], plan);
  return out;
}

// ---------------------------------------------------------------- max windows: argmax gather and its adjoint

function maxWindows(x: Tensor, plan: WindowPlan): [Tensor, Tensor] {
  const { lead } = leadingOf(x);
  const shape = [...lead, plan.OH, plan.OW];
  const indices = Tensor._empty(shape.slice(), 'int32');
  const out = fromPlanes(x, plan.OH, plan.OW, (src, dst, P) => maxPoolInto(src, dst, indices, P, plan));
  if (needsGrad(x)) record(plan.name, [x], [out], toArgmaxBackward, [indices], plan);
  return [out, indices];
}

/** g [.., OH, OW] added into zeros [.., H, W] at the argmax positions (max pooling's backward). */
function scatterToArgmax(g: Tensor, indices: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(g, plan.H, plan.W, (src, dst, P) => planeScatterAddInto(src, indices, dst, P, plan.H * plan.W, plan.OH * plan.OW));
  if (needsGrad(g)) record(plan.backwardName, [g], [out], scatterToArgmaxBackward, [indices], plan);
  return out;
}

/** x [.., H, W] read at the argmax positions -> [.., OH, OW] (the adjoint of scatterToArgmax). */
function gatherAtArgmax(x: Tensor, indices: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(x, plan.OH, plan.OW, (src, dst, P) => planeGatherInto(src, indices, dst, P, plan.H * plan.W, plan.OH * plan.OW));
  if (needsGrad(x)) record(plan.name, [x], [out], toArgmaxBackward, [indices], plan);
  return out;
}

// ---------------------------------------------------------------- window plans

/**
 * Output length of a pooling dim (PyTorch's pooling_output_shape): floor or ceil of
 * (size + 2 * pad - dilation * (kernel - 1) - 1) / stride, plus 1; in ceil mode the last window must start
 * inside the input or its left padding.
 */
export function poolOutputSize(size: number, kernel: number, stride: number, pad: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let out = Math.floor(span / stride) + 1;
  if (ceilMode && (out - 1) * stride >= size + pad) out--;
  return out;
}

interface WindowArgs {
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  ceilMode: boolean;
}

function poolArgs(fn: string, spatial: number, a: Record<string, unknown>, hasDilation: boolean): WindowArgs {
  if (a.kernelSize === undefined) throw new TypeError(`${fn}() missing required argument 'kernelSize'`);
  const kernel = expandInts(fn, 'kernelSize', a.kernelSize as IntOrPair, spatial);
  const stride = a.stride == null || (Array.isArray(a.stride) && a.stride.length === 0) ? kernel : expandInts(fn, 'stride', a.stride as IntOrPair, spatial);
  const padding = expandInts(fn, 'padding', (a.padding ?? 0) as IntOrPair, spatial);
  const dilation = hasDilation ? expandInts(fn, 'dilation', (a.dilation ?? 1) as IntOrPair, spatial) : kernel.map(() => 1);
  const lead = spatial === 1 ? 1 : 0;
  const two = (v: number[], fill: number) => (lead ? [fill, v[0]] : v);
  return {
    kernel: two(kernel, 1),
    stride: two(stride, 1),
    padding: two(padding, 0),
    dilation: two(dilation, 1),
    ceilMode: Boolean(a.ceilMode ?? false),
  };
}

/** PyTorch's pool2d_shape_check messages (sizes printed as PyTorch does for 2-D pooling). */
function checkWindow(x: Tensor, w: WindowArgs, isMax: boolean): [number, number] {
  const [kH, kW] = w.kernel;
  const [dH, dW] = w.stride;
  const [padH, padW] = w.padding;
  const [dilH, dilW] = w.dilation;
  if (!(kW > 0 && kH > 0)) throw new RangeError(`kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  if (!(dW > 0 && dH > 0)) throw new RangeError(`stride should be greater than zero, but got dH: ${dH} dW: ${dW}`);
  if (!(dilH > 0 && dilW > 0)) throw new RangeError(`dilation should be greater than zero, but got dilationH: ${dilH} dilationW: ${dilW}`);
  for (const [pad, k, dil] of [[padH, kH, dilH], [padW, kW, dilW]]) {
    if (pad < 0) throw new RangeError(`pad must be non-negative, but got pad: ${pad}`);
    if (isMax && pad > Math.floor(((k - 1) * dil + 1) / 2)) {
      throw new RangeError(`pad should be at most half of effective kernel size, but got pad=${pad}, kernel_size=${k} and dilation=${dil}`);
    }
  }
  if (!isMax && (padW > Math.floor(kW / 2) || padH > Math.floor(kH / 2))) {
    throw new RangeError(`pad should be smaller than or equal to half of kernel size, but got padW = ${padW}, padH = ${padH}, kW = ${kW}, kH = ${kH}`);
  }
  const [H, W] = x.shape.slice(-2);
  const OH = poolOutputSize(H, kH, dH, padH, dilH, w.ceilMode);
  const OW = poolOutputSize(W, kW, dW, padW, dilW, w.ceilMode);
  if (OH < 1 || OW < 1) {
    const C = x.shape[x.ndim - 3];
    throw new ShapeError(`Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${OH}x${OW}). Output size is too small`);
  }
  return [OH, OW];
}

function checkPoolInput(fn: string, x: Tensor, spatial: number): void {
  floatInput(fn, x);
  const ok = x.ndim === spatial + 1 || x.ndim === spatial + 2;
  if (!ok || x.shape.slice(1).some((s) => s === 0)) {
    throw new ShapeError(
      spatial === 2
        ? `non-empty 3D or 4D (batch mode) tensor expected for input, but got: [${x.shape.join(', ')}]`
        : `Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got: [${x.shape.join(', ')}]`,
    );
  }
}

/** The plan's grad_fn names: `name`, and for its backward the name PyTorch gives (MaxPool2DWithIndicesBackwardBackward0 ...). */
function gradFnNames(name: string): Pick<WindowPlan, 'name' | 'backwardName'> {
  return { name, backwardName: name.replace(/Backward0$/, 'BackwardBackward0') };
}

function maxPlan(x: Tensor, w: WindowArgs, name: string): WindowPlan {
  const [OH, OW] = checkWindow(x, w, true);
  const [H, W] = x.shape.slice(-2);
  const bounds = new Int32Array(2 * (OH + OW));
  const fill = (at: number, count: number, size: number, k: number, s: number, p: number, d: number) => {
    for (let o = 0; o < count; o++) {
      let start = o * s - p;
      const end = Math.min(start + (k - 1) * d + 1, size);
      while (start < 0) start += d;
      bounds[at + o] = start;
      bounds[at + count + o] = end;
    }
  };
  fill(0, OH, H, w.kernel[0], w.stride[0], w.padding[0], w.dilation[0]);
  fill(2 * OH, OW, W, w.kernel[1], w.stride[1], w.padding[1], w.dilation[1]);
  return { H, W, OH, OW, dilH: w.dilation[0], dilW: w.dilation[1], bounds, ...gradFnNames(name) };
}

function avgPlan(x: Tensor, w: WindowArgs, countIncludePad: boolean, divisorOverride: number | null, name: string): WindowPlan {
  const [OH, OW] = checkWindow(x, w, false);
  const [H, W] = x.shape.slice(-2);
  const bounds = new Int32Array(3 * (OH + OW));
  // PyTorch's avg_pool2d: the window is cut at the far padding edge for the count_include_pad divisor and at the
  // input edge for the sum; an empty window (ceil mode) gives 0, so its divisor is set to 1.
  const fill = (at: number, count: number, size: number, k: number, s: number, p: number, useOverride: boolean) => {
    for (let o = 0; o < count; o++) {
      const padStart = o * s - p;
      const padEnd = Math.min(padStart + k, size + p);
      const start = Math.max(padStart, 0);
      const end = Math.min(padEnd, size);
      bounds[at + o] = start;
      bounds[at + count + o] = end;
      let div = countIncludePad ? padEnd - padStart : end - start;
      if (divisorOverride !== null) div = useOverride ? divisorOverride : 1;
      bounds[at + 2 * count + o] = end > start ? div : 1;
    }
  };
  fill(0, OH, H, w.kernel[0], w.stride[0], w.padding[0], true);
  fill(3 * OH, OW, W, w.kernel[1], w.stride[1], w.padding[1], false);
  return { H, W, OH, OW, dilH: 1, dilW: 1, bounds, ...gradFnNames(name) };
}

/** Adaptive windows: output o of n over a size-s dim reads [floor(o*s/n), ceil((o+1)*s/n)). */
function adaptivePlan(x: Tensor, OH: number, OW: number, withDivisor: boolean, name: string): WindowPlan {
  const [H, W] = x.shape.slice(-2);
  const per = withDivisor ? 3 : 2;
  const bounds = new Int32Array(per * (OH + OW));
  const fill = (at: number, count: number, size: number) => {
    for (let o = 0; o < count; o++) {
      const start = Math.floor((o * size) / count);
      const end = Math.ceil(((o + 1) * size) / count);
      bounds[at + o] = start;
      bounds[at + count + o] = end;
      if (withDivisor) bounds[at + 2 * count + o] = end - start;
    }
  };
  fill(0, OH, H);
  fill(per * OH, OW, W);
  return { H, W, OH, OW, dilH: 1, dilW: 1, bounds, ...gradFnNames(name) };
}

/**
 * Runs a max pooling (2-D, or on a 1-D input viewed as planes of height 1) and returns the values, with the argmax
 * indices when `returnIndices`.
 */
function maxPoolResult(spatial: number, input: Tensor, run: (x: Tensor) => [Tensor, Tensor], returnIndices: boolean): Tensor | [Tensor, Tensor] {
  const [values, indices] = spatial === 2 ? run(input) : as1d(input, run);
  if (returnIndices) return [values, indices];
  indices.dispose();
  return values;
}

/** Runs a 2-D pooling on a 1-D input ([.., L] viewed as [.., 1, L]) and views the result back. */
function as1d<T extends Tensor | [Tensor, Tensor]>(x: Tensor, run: (x2: Tensor) => T): T {
  const x2 = x.unsqueeze(-2);
  let r: T;
  try {
    r = run(x2);
  } finally {
    x2.dispose();
  }
  const squeeze = (t: Tensor) => {
    const s = t.squeeze(-2);
    t.dispose();
    return s;
  };
  return (Array.isArray(r) ? [squeeze(r[0]), squeeze(r[1])] : squeeze(r as Tensor)) as T;
}

// ---------------------------------------------------------------- public functions

export interface MaxPoolOptions {
  kernelSize?: IntOrPair;
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  dilation?: IntOrPair;
  ceilMode?: boolean;
  returnIndices?: boolean;
}

type MaxPoolArgs = PositionalOrOptions<[kernelSize: IntOrPair, stride: IntOrPair | null, padding: IntOrPair, dilation: IntOrPair, ceilMode: boolean, returnIndices: boolean], MaxPoolOptions>;
const MAX_POOL_NAMES = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'];

function maxPool(fn: string, spatial: number, input: Tensor, args: readonly unknown[]): Tensor | [Tensor, Tensor] {
  checkPoolInput(fn, input, spatial);
  const a = namedArgs(fn, MAX_POOL_NAMES, args);
  const w = poolArgs(fn, spatial, a, true);
  const run = (x: Tensor): [Tensor, Tensor] => maxWindows(x, maxPlan(x, w, 'MaxPool2DWithIndicesBackward0'));
  return maxPoolResult(spatial, input, run, Boolean(a.returnIndices));
}

function maxPool2dFn(input: Tensor, kernelSize: IntOrPair, stride: IntOrPair | null | undefined, padding: IntOrPair | undefined, dilation: IntOrPair | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
function maxPool2dFn(input: Tensor, kernelSize: IntOrPair, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
function maxPool2dFn(input: Tensor, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
function maxPool2dFn(input: Tensor, ...args: MaxPoolArgs): Tensor;
function maxPool2dFn(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  return maxPool('max_pool2d', 2, input, args);
}

/**
 * F.max_pool2d(input, kernelSize, stride=kernelSize, padding=0, dilation=1, ceilMode=false, returnIndices=false):
 * input [N, C, H, W] or [C, H, W]; with returnIndices, also the argmax of each window as a flat index into its
 * H*W plane (int32); MaxPool2DWithIndicesBackward0.
 */
export const maxPool2d = defineOp('maxPool2d', maxPool2dFn, { method: null });

function maxPool1dFn(input: Tensor, kernelSize: number | readonly number[], stride: number | readonly number[] | null | undefined, padding: number | readonly number[] | undefined, dilation: number | readonly number[] | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
function maxPool1dFn(input: Tensor, kernelSize: number | readonly number[], options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
function maxPool1dFn(input: Tensor, ...args: MaxPoolArgs): Tensor;
function maxPool1dFn(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  return maxPool('max_pool1d', 1, input, args);
}

/** F.max_pool1d: input [N, C, L] or [C, L]; as maxPool2d with indices into L. */
export const maxPool1d = defineOp('maxPool1d', maxPool1dFn, { method: null });

export interface AvgPoolOptions {
  kernelSize?: IntOrPair;
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/**
 * F.avg_pool2d(input, kernelSize, stride=kernelSize, padding=0, ceilMode=false, countIncludePad=true,
 * divisorOverride=null): input [N, C, H, W] or [C, H, W]; AvgPool2DBackward0.
 */
export const avgPool2d = defineOp('avgPool2d', (
  input: Tensor,
  ...args: PositionalOrOptions<[kernelSize: IntOrPair, stride: IntOrPair | null, padding: IntOrPair, ceilMode: boolean, countIncludePad: boolean, divisorOverride: number | null], AvgPoolOptions>
): Tensor => {
  checkPoolInput('avg_pool2d', input, 2);
  const a = namedArgs('avg_pool2d', ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'], args);
  const w = poolArgs('avg_pool2d', 2, a, false);
  const divisor = (a.divisorOverride ?? null) as number | null;
  if (divisor !== null && (!Number.isInteger(divisor) || divisor === 0)) throw new RangeError('divisor must be not zero');
  return avgWindows(input, avgPlan(input, w, Boolean(a.countIncludePad ?? true), divisor, 'AvgPool2DBackward0'));
}, { method: null });

/** F.avg_pool1d(input, kernelSize, stride=kernelSize, padding=0, ceilMode=false, countIncludePad=true): input [N, C, L] or [C, L]. */
export const avgPool1d = defineOp('avgPool1d', (
  input: Tensor,
  ...args: PositionalOrOptions<[kernelSize: number | readonly number[], stride: number | readonly number[] | null, padding: number | readonly number[], ceilMode: boolean, countIncludePad: boolean], Omit<AvgPoolOptions, 'divisorOverride'>>
): Tensor => {
  checkPoolInput('avg_pool1d', input, 1);
  const a = namedArgs('avg_pool1d', ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad'], args);
  const w = poolArgs('avg_pool1d', 1, a, false);
  return as1d(input, (x) => avgWindows(x, avgPlan(x, w, Boolean(a.countIncludePad ?? true), null, 'AvgPool2DBackward0')));
}, { method: null });

/** Adaptive output sizes: an int or a pair, where null keeps the input's size. */
function adaptiveSizes(fn: string, x: Tensor, outputSize: number | readonly (number | null)[], spatial: number): number[] {
  const given = typeof outputSize === 'number' ? new Array<number | null>(spatial).fill(outputSize) : Array.from(outputSize);
  if (given.length !== spatial) throw new TypeError(`${fn}(): output_size must be an int or a tuple of ${spatial} ints, but got ${JSON.stringify(outputSize)}`);
  const sizes = given.map((s, i) => (s === null ? x.shape[x.ndim - spatial + i] : s));
  if (sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new RangeError(`${fn}: elements of output_size must be greater than or equal to 0 but received {${sizes.join(', ')}}`);
  }
  return sizes;
}

/** F.adaptive_avg_pool2d(input, outputSize): input [N, C, H, W] or [C, H, W]; AdaptiveAvgPool2DBackward0. */
export const adaptiveAvgPool2d = defineOp('adaptiveAvgPool2d', (input: Tensor, outputSize: number | readonly (number | null)[]): Tensor => {
  checkPoolInput('adaptive_avg_pool2d', input, 2);
  const [OH, OW] = adaptiveSizes('adaptive_avg_pool2d', input, outputSize, 2);
  return avgWindows(input, adaptivePlan(input, OH, OW, true, 'AdaptiveAvgPool2DBackward0'));
}, { method: null });

/** F.adaptive_avg_pool1d(input, outputSize): input [N, C, L] or [C, L]. */
export const adaptiveAvgPool1d = defineOp('adaptiveAvgPool1d', (input: Tensor, outputSize: number | readonly number[]): Tensor => {
  checkPoolInput('adaptive_avg_pool1d', input, 1);
  const [OL] = adaptiveSizes('adaptive_avg_pool1d', input, outputSize, 1);
  return as1d(input, (x) => avgWindows(x, adaptivePlan(x, 1, OL, true, 'AdaptiveAvgPool2DBackward0')));
}, { method: null });

function adaptiveMax(fn: string, spatial: number, input: Tensor, outputSize: number | readonly (number | null)[], returnIndices: boolean): Tensor | [Tensor, Tensor] {
  checkPoolInput(fn, input, spatial);
  const sizes = adaptiveSizes(fn, input, outputSize, spatial);
  const run = (x: Tensor): [Tensor, Tensor] => maxWindows(x, adaptivePlan(x, spatial === 2 ? sizes[0] : 1, sizes[spatial - 1], false, 'AdaptiveMaxPool2DBackward0'));
  return maxPoolResult(spatial, input, run, returnIndices);
}

function adaptiveMaxPool2dFn(input: Tensor, outputSize: number | readonly (number | null)[], returnIndices: true): [Tensor, Tensor];
function adaptiveMaxPool2dFn(input: Tensor, outputSize: number | readonly (number | null)[], returnIndices?: false): Tensor;
function adaptiveMaxPool2dFn(input: Tensor, outputSize: number | readonly (number | null)[], returnIndices = false): Tensor | [Tensor, Tensor] {
  return adaptiveMax('adaptive_max_pool2d', 2, input, outputSize, returnIndices);
}

/** F.adaptive_max_pool2d(input, outputSize, returnIndices=false); AdaptiveMaxPool2DBackward0. */
export const adaptiveMaxPool2d = defineOp('adaptiveMaxPool2d', adaptiveMaxPool2dFn, { method: null });

function adaptiveMaxPool1dFn(input: Tensor, outputSize: number | readonly number[], returnIndices: true): [Tensor, Tensor];
function adaptiveMaxPool1dFn(input: Tensor, outputSize: number | readonly number[], returnIndices?: false): Tensor;
function adaptiveMaxPool1dFn(input: Tensor, outputSize: number | readonly number[], returnIndices = false): Tensor | [Tensor, Tensor] {
  return adaptiveMax('adaptive_max_pool1d', 1, input, outputSize, returnIndices);
}

/** F.adaptive_max_pool1d(input, outputSize, returnIndices=false). */
export const adaptiveMaxPool1d = defineOp('adaptiveMaxPool1d', adaptiveMaxPool1dFn, { method: null });
