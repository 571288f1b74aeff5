// The memory side of a tensor: a block of linear memory (a reference-counted Storage), a dtype, and the shape,
// element strides and offset that lay the elements out in it. Tensor extends this class; only src/backend reads
// the byte address, so address arithmetic and every call into wasm stay in this layer.
import { DTYPES, type DType } from '../dtype';
import { DisposedError } from '../errors';
import { isContiguousLayout, numelOf } from '../shape';
import type { Storage } from './storage';

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
