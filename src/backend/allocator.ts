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

/** Requests up to this many bytes get a size class from 32-bit integer arithmetic and an array-indexed free list. */
const FAST_LIMIT = 2 ** 30;
/** Index of the first class above 256 bytes (the classes 16, 32, ... 256 bytes are indices 1..16). */
const FIRST_LARGE_INDEX = 17;

// The small-request paths stay a few operations long and call out for the rest, so that the compiler inlines them
// into the op that allocates (its inlining budget is shared by the whole op).

/**
 * Rounds a request up to its size class: multiples of 16 up to 256 bytes, then four classes per power of two
 * (at most 25% waste), so that blocks of similar sizes are interchangeable.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return bytes <= ALIGN ? ALIGN : (bytes + ALIGN - 1) & ~(ALIGN - 1);
  return largeSizeClass(bytes);
}

function largeSizeClass(bytes: number): number {
  if (bytes <= FAST_LIMIT) {
    // high = 2^e is the largest power of two below bytes; the class is the next multiple of high / 4.
    const shift = 29 - Math.clz32(bytes - 1); // e - 2
    return ((bytes + (1 << shift) - 1) >>> shift) << shift;
  }
  const step = 2 ** Math.floor(Math.log2(bytes - 1)) / 4;
  return Math.ceil(bytes / step) * step;
}

/**
 * Position of a size class above 256 bytes (up to FAST_LIMIT) in the free-list array: four per power of two (the
 * class is high * q / 4 with q in 5..8, high = 2^e, e >= 8). The classes 16..256 bytes are at size / 16.
 */
function largeClassIndex(size: number): number {
  const shift = 29 - Math.clz32(size - 1); // e - 2
  return FIRST_LARGE_INDEX + (shift - 6) * 4 + ((size >>> shift) - 5);
}

/** Free lists by class index, for classes up to FAST_LIMIT (all made up front: the lookup needs no check). */
const freeLists: number[][] = Array.from({ length: largeClassIndex(FAST_LIMIT) + 1 }, () => []);
/** Free lists of classes above FAST_LIMIT (rare: blocks of more than 1 GiB). */
const hugeFreeLists = new Map<number, number[]>();
let top = (kernels.heapBase() + ALIGN - 1) & ~(ALIGN - 1);
let liveBytes = 0;
let liveBlocks = 0;

// Memory pressure: the garbage collector does not see linear memory, so the finalization safety net
// (src/lifetime.ts) asks to hear when the live bytes pass a limit it sets, and before linear memory grows.
let pressureLimit = Infinity;
let pressureHandler: ((liveBytes: number) => void) | null = null;

/**
 * Installs the handler called (synchronously, from inside an allocation) when the live bytes pass `limit` and before
 * linear memory grows. The handler sets the next limit with setPressureLimit.
 */
export function onMemoryPressure(handler: (liveBytes: number) => void, limit: number): void {
  pressureHandler = handler;
  pressureLimit = limit;
}

export function setPressureLimit(limit: number): void {
  pressureLimit = limit;
}

/** Bytes in live blocks (size-class rounded). */
export function liveByteCount(): number {
  return liveBytes;
}

function signalPressure(): void {
  // The limit is cleared first so that a handler that allocates does not re-enter.
  pressureLimit = Infinity;
  pressureHandler?.(liveBytes);
}

function freeListOf(size: number): number[] {
  return size <= 256 ? freeLists[size >>> 4] : largeFreeListOf(size);
}

function largeFreeListOf(size: number): number[] {
  if (size <= FAST_LIMIT) return freeLists[largeClassIndex(size)];
  let list = hugeFreeLists.get(size);
  if (list === undefined) hugeFreeLists.set(size, (list = []));
  return list;
}

/** Allocates a block of at least `bytes` bytes; returns its byte address (16-byte aligned, never 0). */
export function allocate(bytes: number): number {
  // A small request passes the first test alone.
  if (!(bytes >= 0 && bytes <= 256) && !(bytes >= 0 && Number.isFinite(bytes))) {
    throw new RangeError(`wasmgrad: invalid allocation size ${bytes}`);
  }
  const size = sizeClass(bytes);
  const list = freeListOf(size);
  const ptr = list.length > 0 ? list.pop()! : bump(size, bytes);
  liveBytes += size;
  liveBlocks++;
  if (liveBytes > pressureLimit) signalPressure();
  return ptr;
}

/** A new block at the top of the heap (growing linear memory as needed). */
function bump(size: number, bytes: number): number {
  ensureCapacity(top + size, bytes);
  const ptr = top;
  top += size;
  return ptr;
}

/** Returns a block to its free list. `bytes` is the size it was allocated with. */
export function release(ptr: number, bytes: number): void {
  const size = sizeClass(bytes);
  freeListOf(size).push(ptr);
  liveBytes -= size;
  liveBlocks--;
}

/** Size of linear memory as of the last grow (only this module grows it; reading memory.buffer costs a call). */
let capacity = memory.buffer.byteLength;

function ensureCapacity(end: number, requested: number): void {
  if (end <= capacity) return;
  // Nothing can be released synchronously here (finalizers run in a later task), but the handler can ask for a
  // collection so that what is unreachable now is released at the next turn of the event loop.
  signalPressure();
  const have = memory.buffer.byteLength;
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
  capacity = memory.buffer.byteLength;
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
