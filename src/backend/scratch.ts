// A fixed block for passing small integer arrays (shapes, strides, index counters) to kernels.
import { allocate } from './allocator';
import { heapI32 } from './heap';

/** Room for 256 int32 words: up to 64 dims of shape, two stride sets and a counter. */
const SCRATCH_WORDS = 256;
export const MAX_KERNEL_DIMS = 64;
const scratchPtr = allocate(SCRATCH_WORDS * 4);

/** Writes the given int arrays one after another into the scratch block and returns its address. */
export function packInts(...arrays: ArrayLike<number>[]): number {
  const heap = heapI32();
  let at = scratchPtr >>> 2;
  const end = at + SCRATCH_WORDS;
  for (let k = 0; k < arrays.length; k++) {
    const a = arrays[k];
    if (at + a.length > end) throw new RangeError(`internal: ${SCRATCH_WORDS} scratch words cannot hold the kernel's shape and stride arrays`);
    for (let i = 0; i < a.length; i++) heap[at++] = a[i];
  }
  return scratchPtr;
}
