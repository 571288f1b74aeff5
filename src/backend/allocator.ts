// The heap allocator over wasm linear memory: 16-byte aligned blocks, segregated free lists by size class, bump
// allocation at the top, growth by memory.grow. Blocks are never split or merged: a freed block is reused by the
// next request of the same class, which is what a tensor program does (the same shapes, step after step).
import { memory, kernels } from './wasm';

const ALIGN = 16;
const PAGE = 65536;

/** Thrown when linear memory cannot grow to satisfy a request; the allocator is left as it was. */
export class OutOfMemoryError extends RangeError {
  constructor(readonly requestedBytes: number, readonly heapBytes: number) {
    super(`wasmgrad: out of memory: cannot allocate ${requestedBytes} bytes (heap is ${heapBytes} bytes, the WebAssembly limit is 4 GiB)`);
    this.name = 'OutOfMemoryError';
  }
}

/**
 * Rounds a request up to its size class: multiples of 16 up to 256 bytes, then four classes per power of two
 * (at most 25% waste), so that blocks of similar sizes are interchangeable.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return Math.max(ALIGN, (bytes + ALIGN - 1) & ~(ALIGN - 1));
  const high = 2 ** Math.floor(Math.log2(bytes - 1));
  const step = high / 4;
  return Math.ceil(bytes / step) * step;
}

const freeLists = new Map<number, number[]>();
let top = (kernels.heapBase() + ALIGN - 1) & ~(ALIGN - 1);
let liveBytes = 0;
let liveBlocks = 0;

/** Allocates a block of at least `bytes` bytes; returns its byte address (16-byte aligned, never 0). */
export function allocate(bytes: number): number {
  if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new RangeError(`wasmgrad: invalid allocation size ${bytes}`);
  const size = sizeClass(bytes);
  const list = freeLists.get(size);
  let ptr: number;
  if (list !== undefined && list.length > 0) {
    ptr = list.pop()!;
  } else {
    ensureCapacity(top + size, bytes);
    ptr = top;
    top += size;
  }
  liveBytes += size;
  liveBlocks++;
  return ptr;
}

/** Returns a block to its free list. `bytes` is the size it was allocated with. */
export function release(ptr: number, bytes: number): void {
  const size = sizeClass(bytes);
  let list = freeLists.get(size);
  if (list === undefined) freeLists.set(size, (list = []));
  list.push(ptr);
  liveBytes -= size;
  liveBlocks--;
}

function ensureCapacity(end: number, requested: number): void {
  const have = memory.buffer.byteLength;
  if (end <= have) return;
  // Grow by at least half the current size so that a growing program pays for few grows (each one replaces the buffer).
  const neededPages = Math.ceil((end - have) / PAGE);
  const pages = Math.max(neededPages, Math.min(Math.ceil(have / PAGE / 2), 16384));
  try {
    memory.grow(pages);
  } catch {
    try {
      memory.grow(neededPages);
    } catch {
      throw new OutOfMemoryError(requested, have);
    }
  }
}

export interface HeapStats {
  /** Bytes in live blocks (size-class rounded). */
  bytes: number;
  blocks: number;
  /** Size of linear memory. */
  wasmBytes: number;
}

export function heapStats(): HeapStats {
  return { bytes: liveBytes, blocks: liveBlocks, wasmBytes: memory.buffer.byteLength };
}
