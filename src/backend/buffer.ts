// The memory side of a tensor: a block of linear memory (a reference-counted Storage), a dtype, and the shape,
// element strides and offset that lay the elements out in it. Tensor extends this class; only src/backend reads
// the byte address, so address arithmetic and every call into wasm stay in this layer.
import { checkDType, DTYPES, type DType } from '../dtype';
import { DisposedError, ShapeError } from '../errors';
import { isContiguousLayout, numelOf, shapeString } from '../shape';
import { Storage } from './storage';

// The fields are declared only and set in the constructor, all of them in one order: class field initialisers would
// first define each one as undefined and then assign it, on the path of every op's result.
export class TensorBuffer {
  /** @internal */ declare readonly _storage: Storage;
  /** The sizes, outermost first. Do not mutate. */
  declare readonly shape: number[];
  /** @internal Element strides. */
  declare readonly _strides: number[];
  /** @internal Offset of element [0, 0, ...] in elements. */
  declare readonly _offset: number;
  declare readonly dtype: DType;
  /** @internal Row-major without gaps. */
  declare readonly _contiguous: boolean;
  /** @internal Byte address of element [0, ...] (storage addresses never move); read only under src/backend. */
  declare readonly _ptr: number;
  /** @internal Set by dispose(): the handle no longer holds its storage. */
  declare _disposed: boolean;

  constructor(storage: Storage, shape: number[], strides: number[], offset: number, dtype: DType, contiguous = isContiguousLayout(shape, strides)) {
    checkLayout(storage, shape, strides, offset, dtype, contiguous);
    this._storage = storage;
    this.shape = shape;
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype;
    this._contiguous = contiguous;
    this._ptr = offset === 0 ? storage.ptr : storage.ptr + offset * DTYPES[dtype].bytes;
    this._disposed = false;
    storage.retain();
  }

  /** @internal Throws if the tensor was disposed. */
  _check(): void {
    if (this._disposed) {
      throw new DisposedError(`Tensor of shape [${this.shape.join(', ')}] was used after dispose()`);
    }
  }

  numel(): number {
    return numelOf(this.shape);
  }
}

/**
 * Refuses a layout that would reach outside its storage: every element a kernel can address (the strided extent
 * in both directions, and for a layout flagged contiguous the run of numel elements from the offset) must lie in
 * the storage, and the storage must be a live Storage. The Tensor constructor is exported, so this is what keeps any
 * handle from reading or writing another tensor's bytes. It runs for every tensor, so the check itself is one pass
 * without allocation, and the reasons are worked out only once it fails.
 */
function checkLayout(storage: Storage, shape: number[], strides: number[], offset: number, dtype: DType, contiguous: boolean): void {
  const info = DTYPES[dtype];
  if (!(storage instanceof Storage) || info === undefined || !Array.isArray(shape) || !Array.isArray(strides) || !fits(storage, shape, strides, offset, info.bytes, contiguous)) {
    refuseLayout(storage, shape, strides, offset, dtype, contiguous);
  }
}

function fits(storage: Storage, shape: number[], strides: number[], offset: number, itemBytes: number, contiguous: boolean): boolean {
  if (!(offset >= 0 && Number.isInteger(offset)) || shape.length !== strides.length) return false;
  let low = offset;
  let high = offset;
  let numel = 1;
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    const stride = strides[d];
    if (!(size >= 0 && Number.isInteger(size) && Number.isInteger(stride))) return false;
    numel *= size;
    if (stride > 0) high += (size - 1) * stride;
    else low += (size - 1) * stride;
  }
  if (numel === 0) return true; // no element is ever addressed
  const end = contiguous && offset + numel > high + 1 ? offset + numel : high + 1;
  return low >= 0 && end * itemBytes <= storage.bytes;
}

/**
 * Throws the error that says why checkLayout refused the layout. A storage allocated for the refused tensor (none
 * holds it yet) goes back to the allocator first.
 */
function refuseLayout(storage: unknown, shape: unknown, strides: unknown, offset: number, dtype: DType, contiguous: boolean): never {
  if (!(storage instanceof Storage)) throw new TypeError(`Tensor(): expected a Storage, got ${describe(storage)}`);
  storage.releaseIfUnheld();
  const itemBytes = DTYPES[checkDType(dtype)].bytes;
  if (!Number.isInteger(offset) || offset < 0) throw new ShapeError(`storage offset must be a non-negative integer, got ${offset}`);
  if (!Array.isArray(shape) || !Array.isArray(strides) || shape.length !== strides.length) {
    throw new ShapeError(`sizes and strides must be arrays of the same length, got sizes ${describe(shape)} and strides ${describe(strides)}`);
  }
  if (!shape.every((s) => Number.isInteger(s) && s >= 0)) throw new ShapeError(`invalid shape ${shapeString(shape)}: sizes must be non-negative integers`);
  if (!strides.every(Number.isInteger)) throw new ShapeError(`invalid strides ${shapeString(strides)}: strides must be integers`);
  const numel = numelOf(shape);
  const low = offset + shape.reduce((at: number, size: number, d: number) => at + (strides[d] < 0 ? (size - 1) * strides[d] : 0), 0);
  if (low < 0) {
    throw new ShapeError(`sizes ${shapeString(shape)}, strides ${shapeString(strides)}, storage offset ${offset} reach element ${low}, before the start of the storage`);
  }
  const high = offset + shape.reduce((at: number, size: number, d: number) => at + (strides[d] > 0 ? (size - 1) * strides[d] : 0), 0);
  const end = contiguous ? Math.max(high + 1, offset + numel) : high + 1;
  throw new ShapeError(
    `setStorage: sizes ${shapeString(shape)}, strides ${shapeString(strides)}, storage offset ${offset}, and itemsize ${itemBytes} ` +
      `requiring a storage size of ${end * itemBytes} are out of bounds for storage of size ${storage.bytes}`,
  );
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `[${value.join(', ')}]` : ((value as object).constructor?.name ?? 'object');
}
