// torch.nn.functional.pad: constant padding (negative pads crop) and the reflect / replicate / circular modes.
// The pad list names the last dim first: [left, right] for the last dim, then [top, bottom] for the one before ...
// Constant mode fills the output and copies the (cropped) input into its interior; its backward is the opposite
// padding of the gradient. The other modes gather along each padded dim with an index vector (index_select), and
// their backward adds the gradient back along the same index vectors (index_add), so all are differentiable.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { full, tensor } from '../../creation/factories';
import { NotSupportedError, ShapeError } from '../../errors';
import { checkOptionKeys } from '../../options';
import { shapeString } from '../../shape';
import { copyTensorInto } from '../../backend/copy';
import type { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { indexAddToZeros, selectAlong } from './index-select';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

const PAD_OPTION_KEYS = ['mode', 'value'] as const;

export interface PadOptions {
  mode?: PadMode;
  /** Fill value for constant padding (default 0). */
  value?: number;
}

/**
 * torch.nn.functional.pad(input, pad, mode='constant', value=0). `pad` holds (before, after) pairs starting from
 * the last dim. Also accepts pad(input, pad, { mode, value }).
 */
function padOp(x: Tensor, padding: readonly number[], mode: PadMode | PadOptions = 'constant', value?: number): Tensor {
  x._check();
  const options: PadOptions = typeof mode === 'string' ? { mode, value } : checkOptionKeys('pad', mode, PAD_OPTION_KEYS);
  const m = options.mode ?? 'constant';
  if (padding.length % 2 !== 0) throw new ShapeError('Padding length must be divisible by 2');
  if (padding.length / 2 > x.ndim) {
    throw new ShapeError(`Padding length too large (got ${padding.length} values, at most ${2 * x.ndim} for a ${x.ndim}-D input)`);
  }
  if (padding.some((p) => !Number.isInteger(p))) throw new ShapeError(`pad expects integer paddings, got [${padding.join(', ')}]`);
  if (m === 'constant') return constantPad(x, padding, options.value ?? 0);
  if (m !== 'reflect' && m !== 'replicate' && m !== 'circular') {
    throw new NotSupportedError(`Unrecognised padding mode ${String(m)} (expected 'constant', 'reflect', 'replicate' or 'circular')`);
  }
  if (options.value !== undefined && options.value !== 0) throw new ShapeError(`Padding mode "${m}" doesn't take in value argument`);
  return indexedPad(x, padding, m);
}
export const pad = defineOp('pad', padOp, { method: null });

/** Constant padding's gradient: the opposite padding (crops what was added). */
const constantPadBackward: BackwardFn<number[]> = ([g], _, opposite) => [pad(g, opposite)];

/** constant_pad_nd: crops for negative pads, fills for positive ones. */
function constantPad(x: Tensor, padding: readonly number[], value: number): Tensor {
  const outShape = x.shape.slice();
  const keptShape = x.shape.slice();
  let inOffset = x._offset;
  const outStart = x.shape.map(() => 0);
  for (let i = 0; i < padding.length / 2; i++) {
    const d = x.ndim - 1 - i;
    const before = padding[2 * i];
    const after = padding[2 * i + 1];
    const size = x.shape[d];
    outShape[d] = size + before + after;
    if (outShape[d] < 0) {
      throw new ShapeError(
        `The input size ${size}, plus negative padding ${before} and ${after} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
      );
    }
    keptShape[d] = size + Math.min(before, 0) + Math.min(after, 0);
    if (keptShape[d] < 0) {
      // the output size can be valid while the crops overlap (size 0 padded by (-1, 1)): nothing is left to crop
      throw new ShapeError(
        `The input size ${size}, cropped by the negative padding ${before} and ${after}, would keep ${keptShape[d]} elements, which is invalid. Check dimension ${d} of your input.`,
      );
    }
    inOffset += Math.max(-before, 0) * x._strides[d];
    outStart[d] = Math.max(before, 0);
  }
  const out = full(outShape, value, { dtype: x.dtype });
  const kept = x._view(keptShape, x._strides, inOffset);
  const region = out._view(keptShape.slice(), out._strides, outStart.reduce((at, s, d) => at + s * out._strides[d], 0));
  copyTensorInto(kept, region);
  kept.dispose();
  region.dispose();
  if (needsGrad(x)) record('ConstantPadNdBackward0', [x], [out], constantPadBackward, [], padding.map((p) => -p));
  return out;
}

/** Where output position o (0-based) of a dim of size n padded by (before, after) reads from, per mode. */
function sourcePosition(mode: PadMode, o: number, before: number, after: number, n: number): number {
  const j = o - before;
  if (mode === 'replicate') return Math.min(Math.max(j, 0), n - 1);
  if (mode === 'circular') {
    // A negative pad crops first; the wrap-around repeats the kept part [lo, lo + kept), as PyTorch copies it.
    const lo = Math.max(-before, 0);
    const kept = n - lo - Math.max(-after, 0);
    const k = o - Math.max(before, 0);
    return lo + (((k % kept) + kept) % kept);
  }
  return j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j; // reflect: mirror about the edge elements
}

/** PyTorch's checks for one padded dim of the non-constant modes. */
function checkIndexedPad(mode: PadMode, x: Tensor, d: number, before: number, after: number): void {
  const n = x.shape[d];
  if (mode === 'reflect' && (before >= n || after >= n)) {
    throw new ShapeError(
      `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${d} of input ${shapeString(x.shape)}`,
    );
  }
  if (mode === 'circular') {
    if (before > n || after > n) throw new ShapeError('Padding value causes wrapping around more than once.');
    if (n + before + after < 0) throw new ShapeError('Negative padding value is resulting in an empty dimension');
  } else if (n === 0 || n + before + after <= 0) {
    throw new ShapeError(
      `${mode} padding of dimension ${d} (size ${n}) by (${before}, ${after}) of input ${shapeString(x.shape)} would give an output size of ${n + before + after}; expected a non-empty input and a positive output size`,
    );
  }
}

/** Adds the gradient back along each padded dim's index vector (saved), last dim first. */
const indexedPadBackward: BackwardFn<{ dims: number[]; shapes: number[][] }> = ([g], indices, { dims, shapes }) => {
  let grad = g;
  for (let i = dims.length - 1; i >= 0; i--) grad = indexAddToZeros(shapes[i], dims[i], indices[i], grad);
  return [grad];
};

/** reflect / replicate / circular padding, one index_select per padded dim. */
function indexedPad(x: Tensor, padding: readonly number[], mode: PadMode): Tensor {
  const padded = padding.length / 2;
  const supported = (padded === 1 && (x.ndim === 2 || x.ndim === 3)) || (padded === 2 && (x.ndim === 3 || x.ndim === 4)) || (padded === 3 && (x.ndim === 4 || x.ndim === 5));
  if (!supported) throw new NotSupportedError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  const steps: { d: number; index: Tensor; inShape: number[] }[] = [];
  let current = x;
  for (let i = 0; i < padded; i++) {
    const d = x.ndim - 1 - i;
    const before = padding[2 * i];
    const after = padding[2 * i + 1];
    checkIndexedPad(mode, x, d, before, after);
    const n = x.shape[d];
    const positions = new Int32Array(Math.max(n + before + after, 0));
    for (let o = 0; o < positions.length; o++) positions[o] = sourcePosition(mode, o, before, after, n);
    const index = tensor(positions, { dtype: 'int32' });
    steps.push({ d, index, inShape: current.shape });
    const next = selectAlong(current, d, index);
    if (current !== x) current.dispose();
    current = next;
  }
  if (needsGrad(x)) {
    const dims = steps.map((s) => s.d);
    const shapes = steps.map((s) => s.inShape);
    const name = mode === 'circular' ? 'CopySlices' : `${mode === 'reflect' ? 'Reflection' : 'Replication'}Pad${padded}DBackward0`;
    record(name, [x], [current], indexedPadBackward, steps.map((s) => s.index), { dims, shapes });
  }
  steps.forEach((s) => s.index.dispose());
  return current;
}
