// The memory side of a tensor: a block of linear memory (a reference-counted Storage), a dtype, and the shape,
// element strides and offset that lay the elements out in it. Tensor extends this class; only src/backend reads
// the byte address, so address arithmetic and every call into wasm stay in this layer.
import { DTYPES, type DType } from '../dtype';
import { DisposedError } from '../errors';
import { isContiguousLayout, numelOf } from '../shape';
import type { Storage } from './storage';

export class TensorBuffer {
  /** @internal */ readonly _storage: Storage;
  /** The sizes, outermost first. Do not mutate. */
  readonly shape: number[];
  /** @internal Element strides. */
  readonly _strides: number[];
  /** @internal Offset of element [0, 0, ...] in elements. */
  readonly _offset: number;
  readonly dtype: DType;
  /** @internal Row-major without gaps. */
  readonly _contiguous: boolean;
  /** @internal Byte address of element [0, ...] (storage addresses never move); read only under src/backend. */
  readonly _ptr: number;

  constructor(storage: Storage, shape: number[], strides: number[], offset: number, dtype: DType, contiguous = isContiguousLayout(shape, strides)) {
    this._storage = storage;
    this.shape = shape;
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype;
    this._contiguous = contiguous;
    this._ptr = storage.ptr + offset * DTYPES[dtype].bytes;
    storage.retain();
  }

  /** @internal Set by dispose(): the handle no longer holds its storage. */
  _disposed = false;

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
