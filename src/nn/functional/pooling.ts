// Pooling: max/avg pooling (2-D, and 1-D as 2-D with unit height) and their adaptive forms.
// Every form is a "window plan": per output row/column the input range it reads, computed once in the host
// (O(outH + outW)); the kernels (assembly/nn-pool.ts) only loop over windows. Backward passes are differentiable:
// average pooling and its backward are each other's adjoints, and max pooling's backward scatters the gradient
// to the argmax positions, whose adjoint gathers from them.
import { elementsOf } from '../../backend/elements';
import './tensor-ops';
import { needsGrad, record } from '../../autograd/record';
import { noGrad } from '../../autograd/grad-mode';
import { kernels } from '../../backend/wasm';
import { DTYPES } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { numelOf } from '../../shape';
import { Tensor } from '../../tensor';
import { expandInts, namedArgs, type IntOrPair, type PositionalOrOptions } from './args';

/** Which input rows/columns each output reads; `bounds` is laid out as the kernels expect (see nn-pool.ts). */
interface WindowPlan {
  H: number;
  W: number;
  OH: number;
  OW: number;
  dilH: number;
  dilW: number;
  bounds: Int32Array;
  /** grad_fn of the pooling op, and of its backward (seen with createGraph). */
  name: string;
  backwardName: string;
}

function floatInput(fn: string, x: Tensor): void {
  x._check();
  if (!DTYPES[x.dtype].isFloat) throw new DTypeError(`${fn}: expected a floating point input, got ${DTYPES[x.dtype].torchName}`);
}

/** Runs a kernel with the plan's bounds copied into wasm memory. */
function withBounds(plan: WindowPlan, run: (boundsPtr: number) => void): void {
  const b = Tensor._empty([plan.bounds.length], 'int32');
  (elementsOf(b) as Int32Array).set(plan.bounds);
  try {
    run(b._ptr);
  } finally {
    b.dispose();
  }
}

/** The tensor's elements as contiguous planes (a raw copy when needed; autograd is recorded by the caller). */
function planes(x: Tensor): Tensor {
  return x._contiguous ? x : noGrad(() => x.contiguous());
}

function leadingOf(x: Tensor): { lead: number[]; P: number } {
  const lead = x.shape.slice(0, -2);
  return { lead, P: numelOf(lead) };
}

/**
 * A new [.., rows, cols] tensor computed from x's P planes by `run(src, out, P)` (addresses of x's contiguous
 * planes and of the output; not called when the output is empty). Autograd is recorded by the caller.
 */
function fromPlanes(x: Tensor, rows: number, cols: number, run: (src: number, out: number, P: number) => void): Tensor {
  const { lead, P } = leadingOf(x);
  const src = planes(x);
  const out = Tensor._empty([...lead, rows, cols], x.dtype);
  if (out.numel() > 0) run(src._ptr, out._ptr, P);
  if (src !== x) src.dispose();
  return out;
}

// ---------------------------------------------------------------- average windows (and their adjoint)

function avgWindows(x: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(x, plan.OH, plan.OW, (src, dst, P) =>
    withBounds(plan, (bounds) => {
      if (x.dtype === 'float32') kernels.avgPoolF32(src, dst, P, plan.H, plan.W, plan.OH, plan.OW, bounds);
      else kernels.avgPoolF64(src, dst, P, plan.H, plan.W, plan.OH, plan.OW, bounds);
    }),
  );
  if (needsGrad(x)) record(plan.name, [x], [out], ([g]) => [avgWindowsAdjoint(g, plan)]);
  return out;
}

function avgWindowsAdjoint(g: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(g, plan.H, plan.W, (src, dst, P) =>
    withBounds(plan, (bounds) => {
      if (g.dtype === 'float32') kernels.avgPoolBackwardF32(src, dst, P, plan.H, plan.W, plan.OH, plan.OW, bounds);
      else kernels.avgPoolBackwardF64(src, dst, P, plan.H, plan.W, plan.OH, plan.OW, bounds);
    }),
  );
  if (needsGrad(g)) record(plan.backwardName, [g], [out], ([gg]) => [avgWindows(gg, plan)]);
  return out;
}

// ---------------------------------------------------------------- max windows: argmax gather and its adjoint

function maxWindows(x: Tensor, plan: WindowPlan): [Tensor, Tensor] {
  const { lead, P } = leadingOf(x);
  const src = planes(x);
  const shape = [...lead, plan.OH, plan.OW];
  const out = Tensor._empty(shape, x.dtype);
  const indices = Tensor._empty(shape.slice(), 'int32');
  if (out.numel() > 0) {
    withBounds(plan, (bounds) => {
      const args = [P, plan.H, plan.W, plan.OH, plan.OW, plan.dilH, plan.dilW, bounds] as const;
      if (x.dtype === 'float32') kernels.maxPoolF32(src._ptr, out._ptr, indices._ptr, ...args);
      else kernels.maxPoolF64(src._ptr, out._ptr, indices._ptr, ...args);
    });
  }
  if (src !== x) src.dispose();
  if (needsGrad(x)) record(plan.name, [x], [out], ([g], [idx]) => [scatterToArgmax(g, idx, plan)], [indices]);
  return [out, indices];
}

/** g [.., OH, OW] added into zeros [.., H, W] at the argmax positions (max pooling's backward). */
function scatterToArgmax(g: Tensor, indices: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(g, plan.H, plan.W, (src, dst, P) => {
    const args = [P, plan.H * plan.W, plan.OH * plan.OW] as const;
    if (g.dtype === 'float32') kernels.planeScatterAddF32(src, indices._ptr, dst, ...args);
    else kernels.planeScatterAddF64(src, indices._ptr, dst, ...args);
  });
  if (needsGrad(g)) record(plan.backwardName, [g], [out], ([gg], [idx]) => [gatherAtArgmax(gg, idx, plan)], [indices]);
  return out;
}

/** x [.., H, W] read at the argmax positions -> [.., OH, OW] (the adjoint of scatterToArgmax). */
function gatherAtArgmax(x: Tensor, indices: Tensor, plan: WindowPlan): Tensor {
  const out = fromPlanes(x, plan.OH, plan.OW, (src, dst, P) => {
    const args = [P, plan.H * plan.W, plan.OH * plan.OW] as const;
    if (x.dtype === 'float32') kernels.planeGatherF32(src, indices._ptr, dst, ...args);
    else kernels.planeGatherF64(src, indices._ptr, dst, ...args);
  });
  if (needsGrad(x)) record(plan.name, [x], [out], ([g], [idx]) => [scatterToArgmax(g, idx, plan)], [indices]);
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
  const r = run(x2);
  x2.dispose();
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

/**
 * F.max_pool2d(input, kernelSize, stride=kernelSize, padding=0, dilation=1, ceilMode=false, returnIndices=false):
 * input [N, C, H, W] or [C, H, W]; with returnIndices, also the argmax of each window as a flat index into its
 * H*W plane (int32); MaxPool2DWithIndicesBackward0.
 */
export function maxPool2d(input: Tensor, kernelSize: IntOrPair, stride: IntOrPair | null | undefined, padding: IntOrPair | undefined, dilation: IntOrPair | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: IntOrPair, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, ...args: MaxPoolArgs): Tensor;
export function maxPool2d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  return maxPool('max_pool2d', 2, input, args);
}

/** F.max_pool1d: input [N, C, L] or [C, L]; as maxPool2d with indices into L. */
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], stride: number | readonly number[] | null | undefined, padding: number | readonly number[] | undefined, dilation: number | readonly number[] | undefined, ceilMode: boolean | undefined, returnIndices: true): [Tensor, Tensor];
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(input: Tensor, ...args: MaxPoolArgs): Tensor;
export function maxPool1d(input: Tensor, ...args: unknown[]): Tensor | [Tensor, Tensor] {
  return maxPool('max_pool1d', 1, input, args);
}

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
export function avgPool2d(
  input: Tensor,
  ...args: PositionalOrOptions<[kernelSize: IntOrPair, stride: IntOrPair | null, padding: IntOrPair, ceilMode: boolean, countIncludePad: boolean, divisorOverride: number | null], AvgPoolOptions>
): Tensor {
  checkPoolInput('avg_pool2d', input, 2);
  const a = namedArgs('avg_pool2d', ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'], args);
  const w = poolArgs('avg_pool2d', 2, a, false);
  const divisor = (a.divisorOverride ?? null) as number | null;
  if (divisor !== null && (!Number.isInteger(divisor) || divisor === 0)) throw new RangeError('divisor must be not zero');
  return avgWindows(input, avgPlan(input, w, Boolean(a.countIncludePad ?? true), divisor, 'AvgPool2DBackward0'));
}

/** F.avg_pool1d(input, kernelSize, stride=kernelSize, padding=0, ceilMode=false, countIncludePad=true): input [N, C, L] or [C, L]. */
export function avgPool1d(
  input: Tensor,
  ...args: PositionalOrOptions<[kernelSize: number | readonly number[], stride: number | readonly number[] | null, padding: number | readonly number[], ceilMode: boolean, countIncludePad: boolean], Omit<AvgPoolOptions, 'divisorOverride'>>
): Tensor {
  checkPoolInput('avg_pool1d', input, 1);
  const a = namedArgs('avg_pool1d', ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad'], args);
  const w = poolArgs('avg_pool1d', 1, a, false);
  return as1d(input, (x) => avgWindows(x, avgPlan(x, w, Boolean(a.countIncludePad ?? true), null, 'AvgPool2DBackward0')));
}

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
export function adaptiveAvgPool2d(input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  checkPoolInput('adaptive_avg_pool2d', input, 2);
  const [OH, OW] = adaptiveSizes('adaptive_avg_pool2d', input, outputSize, 2);
  return avgWindows(input, adaptivePlan(input, OH, OW, true, 'AdaptiveAvgPool2DBackward0'));
}

/** F.adaptive_avg_pool1d(input, outputSize): input [N, C, L] or [C, L]. */
export function adaptiveAvgPool1d(input: Tensor, outputSize: number | readonly number[]): Tensor {
  checkPoolInput('adaptive_avg_pool1d', input, 1);
  const [OL] = adaptiveSizes('adaptive_avg_pool1d', input, outputSize, 1);
  return as1d(input, (x) => avgWindows(x, adaptivePlan(x, 1, OL, true, 'AdaptiveAvgPool2DBackward0')));
}

function adaptiveMax(fn: string, spatial: number, input: Tensor, outputSize: number | readonly (number | null)[], returnIndices: boolean): Tensor | [Tensor, Tensor] {
  checkPoolInput(fn, input, spatial);
  const sizes = adaptiveSizes(fn, input, outputSize, spatial);
  const run = (x: Tensor): [Tensor, Tensor] => maxWindows(x, adaptivePlan(x, spatial === 2 ? sizes[0] : 1, sizes[spatial - 1], false, 'AdaptiveMaxPool2DBackward0'));
  return maxPoolResult(spatial, input, run, returnIndices);
}

/** F.adaptive_max_pool2d(input, outputSize, returnIndices=false); AdaptiveMaxPool2DBackward0. */
export function adaptiveMaxPool2d(input: Tensor, outputSize: number | readonly (number | null)[], returnIndices: true): [Tensor, Tensor];
export function adaptiveMaxPool2d(input: Tensor, outputSize: number | readonly (number | null)[], returnIndices?: false): Tensor;
export function adaptiveMaxPool2d(input: Tensor, outputSize: number | readonly (number | null)[], returnIndices = false): Tensor | [Tensor, Tensor] {
  return adaptiveMax('adaptive_max_pool2d', 2, input, outputSize, returnIndices);
}

/** F.adaptive_max_pool1d(input, outputSize, returnIndices=false). */
export function adaptiveMaxPool1d(input: Tensor, outputSize: number | readonly number[], returnIndices: true): [Tensor, Tensor];
export function adaptiveMaxPool1d(input: Tensor, outputSize: number | readonly number[], returnIndices?: false): Tensor;
export function adaptiveMaxPool1d(input: Tensor, outputSize: number | readonly number[], returnIndices = false): Tensor | [Tensor, Tensor] {
  return adaptiveMax('adaptive_max_pool1d', 1, input, outputSize, returnIndices);
}
