// Pooling drivers (assembly/nn-pool.ts) over P contiguous planes. A window plan says which input rows/columns each
// output reads; its `bounds` are copied into a scratch block for the call. Outputs are allocated by the caller.
import type { TensorBuffer } from './buffer';
import { allocate, release } from './allocator';
import { heapI32 } from './heap';
import { byDType, kernelFor } from './kernel-table';

/** Input planes H x W, output planes OH x OW, the dilation of max windows, and the bounds laid out as nn-pool.ts expects. */
export interface PoolWindows {
  H: number;
  W: number;
  OH: number;
  OW: number;
  dilH: number;
  dilW: number;
  bounds: Int32Array;
}

const MAX_POOL = byDType('maxPool');
const AVG_POOL = byDType('avgPool');
const AVG_POOL_BACKWARD = byDType('avgPoolBackward');
const PLANE_GATHER = byDType('planeGather');
const PLANE_SCATTER_ADD = byDType('planeScatterAdd');

/** Runs `run` with the plan's bounds in wasm memory, released afterwards. */
function withBounds(w: PoolWindows, run: (bounds: number) => void): void {
  const bytes = w.bounds.length * 4;
  const block = allocate(bytes);
  try {
    heapI32().set(w.bounds, block >>> 2);
    run(block);
  } finally {
    release(block, bytes);
  }
}

/** Max over each window of src [P, H, W] -> out [P, OH, OW], with the argmax's flat index into its plane in indices (int32). */
export function maxPoolInto(src: TensorBuffer, out: TensorBuffer, indices: TensorBuffer, P: number, w: PoolWindows): void {
  const run = kernelFor(MAX_POOL, src.dtype, 'max pooling');
  withBounds(w, (bounds) => run(src._ptr, out._ptr, indices._ptr, P, w.H, w.W, w.OH, w.OW, w.dilH, w.dilW, bounds));
}

/** Average over each window of src [P, H, W] -> out [P, OH, OW] (divisors from the bounds). */
export function avgPoolInto(src: TensorBuffer, out: TensorBuffer, P: number, w: PoolWindows): void {
  const run = kernelFor(AVG_POOL, src.dtype, 'average pooling');
  withBounds(w, (bounds) => run(src._ptr, out._ptr, P, w.H, w.W, w.OH, w.OW, bounds));
}

/** The adjoint of avgPoolInto: grad [P, OH, OW] spread over the windows into out [P, H, W]. */
export function avgPoolBackwardInto(grad: TensorBuffer, out: TensorBuffer, P: number, w: PoolWindows): void {
  const run = kernelFor(AVG_POOL_BACKWARD, grad.dtype, 'average pooling backward');
  withBounds(w, (bounds) => run(grad._ptr, out._ptr, P, w.H, w.W, w.OH, w.OW, bounds));
}

/** out[p, l] = src[p, indices[p, l]] for planes of planeSize elements and L indices each. */
export function planeGatherInto(src: TensorBuffer, indices: TensorBuffer, out: TensorBuffer, P: number, planeSize: number, L: number): void {
  kernelFor(PLANE_GATHER, src.dtype, 'max pooling gather')(src._ptr, indices._ptr, out._ptr, P, planeSize, L);
}

/** out [P, planeSize] = zeros, then out[p, indices[p, l]] += src[p, l]. */
export function planeScatterAddInto(src: TensorBuffer, indices: TensorBuffer, out: TensorBuffer, P: number, planeSize: number, L: number): void {
  kernelFor(PLANE_SCATTER_ADD, src.dtype, 'max pooling backward')(src._ptr, indices._ptr, out._ptr, P, planeSize, L);
}
