// The Tensor: a TensorBuffer (dtype, shape, strides and offset into a reference-counted Storage in wasm memory)
// with identity, lifetime and autograd state. Operations are declared in the op tables under src/ops and installed
// on the prototype by src/methods.ts, so that this file stays the core.
import { TensorBuffer } from './backend/buffer';
import { type AnyTypedArray, readElements } from './backend/elements';
import { Storage } from './backend/storage';
import { DTYPES, type DType, isFloat } from './dtype';
import { AutogradError, ShapeError } from './errors';
import { formatTensor } from './format';
import { track, untrack, watchStorage } from './lifetime';
import { contiguousStrides, isContiguousLayout, numelOf } from './shape';
import type { GradFn } from './autograd/grad-fn';
import { isGradEnabled } from './autograd/grad-mode';

export type TypedArrayFor<D extends DType> = D extends 'float64'
  ? Float64Array
  : D extends 'int32'
    ? Int32Array
    : D extends 'bool'
      ? Uint8Array
      : Float32Array;

export type { AnyTypedArray };

/** Nested arrays of numbers or booleans, as tolist() returns and tensor() accepts. */
export type NestedArray = number | boolean | NestedArray[];

// Fields declared only and set in the constructor in one order (see TensorBuffer).
export class Tensor extends TensorBuffer {
  /** @internal */ declare _scoped: boolean;
  /** @internal */ declare _requiresGrad: boolean;
  /** @internal Leaf only: the node that accumulates into .grad, created on first use (src/autograd/record.ts). */
  declare _accumulator: GradFn | null;
  /** @internal Which output of gradFn this tensor is. */
  declare _outputNr: number;
  /** @internal Non-leaf: keep .grad after backward (retainGrad()). */
  declare _retainsGrad: boolean;

  /** Accumulated gradient of a leaf after backward(). */
  declare grad: Tensor | null;
  /** The node that produced this tensor (null for leaves). */
  declare gradFn: GradFn | null;

  /** @internal Use the factories; this wraps a storage without copying. */
  constructor(
    storage: Storage,
    shape: number[],
    strides: number[],
    offset: number,
    dtype: DType,
    contiguous = isContiguousLayout(shape, strides),
  ) {
    super(storage, shape, strides, offset, dtype, contiguous);
    this._scoped = false;
    this._requiresGrad = false;
    this._accumulator = null;
    this._outputNr = 0;
    this._retainsGrad = false;
    this.grad = null;
    this.gradFn = null;
    track(this);
  }

  /** @internal A new, uninitialised, contiguous tensor. */
  /**
   * @internal A new, uninitialised, contiguous tensor of x's shape. A contiguous x lends its shape and stride arrays
   * (shapes and strides are never mutated), so that the small-op path allocates no arrays.
   */
  static _emptyLike(x: TensorBuffer, dtype: DType = x.dtype): Tensor {
    if (!x._contiguous) return Tensor._empty(x.shape.slice(), dtype);
    const storage = new Storage(x.numel() * DTYPES[dtype].bytes);
    const t = new Tensor(storage, x.shape, x._strides, 0, dtype, true);
    watchStorage(storage);
    return t;
  }

  static _empty(shape: number[], dtype: DType): Tensor {
    const storage = new Storage(numelOf(shape) * DTYPES[dtype].bytes);
    const t = new Tensor(storage, shape, contiguousStrides(shape), 0, dtype, true);
    watchStorage(storage);
    return t;
  }

  /** @internal A view of this tensor's storage (no autograd: callers record the op). */
  _view(shape: number[], strides: number[], offset: number): Tensor {
    this._check();
    return new Tensor(this._storage, shape, strides, offset, this.dtype);
  }

  /** @internal Another handle on the same data and autograd identity (used to save tensors for backward). */
  _alias(): Tensor {
    this._check();
    const t = new Tensor(this._storage, this.shape, this._strides, this._offset, this.dtype);
    t._requiresGrad = this._requiresGrad;
    t.gradFn = this.gradFn;
    t._outputNr = this._outputNr;
    t._accumulator = this._accumulator;
    return t;
  }

  get ndim(): number {
    return this.shape.length;
  }

  dim(): number {
    return this.shape.length;
  }

  /** Size of one dim (negative dims count from the end) or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    if (dim === undefined) return this.shape.slice();
    const d = dim < 0 ? dim + this.shape.length : dim;
    if (d < 0 || d >= this.shape.length) {
      throw new RangeError(`Dimension out of range (expected to be in range of [${-this.shape.length}, ${this.shape.length - 1}], but got ${dim})`);
    }
    return this.shape[d];
  }

  /** Element strides (torch.Tensor.stride()). */
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number | number[] {
    if (dim === undefined) return this._strides.slice();
    return this._strides[dim < 0 ? dim + this._strides.length : dim];
  }

  storageOffset(): number {
    return this._offset;
  }

  isContiguous(): boolean {
    return this._contiguous;
  }

  elementSize(): number {
    return DTYPES[this.dtype].bytes;
  }

  isFloatingPoint(): boolean {
    return isFloat(this.dtype);
  }

  // ---------------------------------------------------------------- autograd state

  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  set requiresGrad(value: boolean) {
    this.requiresGrad_(value);
  }

  /** Sets requires_grad on a leaf (in place) and returns this tensor. */
  requiresGrad_(value = true): this {
    if (this.gradFn !== null && !value) {
      throw new AutogradError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (value && !isFloat(this.dtype)) {
      throw new AutogradError(`only Tensors of floating point dtype can require gradients (got ${DTYPES[this.dtype].torchName})`);
    }
    if (this.gradFn === null) this._requiresGrad = value;
    return this;
  }

  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Keep .grad of a non-leaf tensor after backward. */
  retainGrad(): void {
    if (!this._requiresGrad) throw new AutogradError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn !== null && !this._retainsGrad) {
      this._retainsGrad = true;
      this.gradFn.retain(this._outputNr, this);
    }
  }

  get retainsGrad(): boolean {
    return this._retainsGrad;
  }

  // ---------------------------------------------------------------- lifetime

  /**
   * Releases this tensor's hold on its storage, and its accumulated .grad (which it owns: clone a gradient that
   * must outlive it). Harmless when called again.
   */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    untrack(this);
    if (this.grad !== null) {
      this.grad.dispose();
      this.grad = null;
    }
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * @internal Records an in-place write: every write into an existing tensor's memory goes through here, so that
   * PyTorch's "modified by an inplace operation" check sees it (the counter is shared by all views of the storage).
   */
  _bumpVersion(): void {
    this._storage.version++;
  }

  /** @internal Refuses in-place writes that would break autograd (PyTorch's leaf check). */
  _checkInplace(): void {
    this._check();
    if (this.gradFn === null && this._requiresGrad && isGradEnabled()) {
      throw new AutogradError('a leaf Variable that requires grad is being used in an in-place operation.');
    }
    // An expanded view (stride 0) aliases one element many times: writing it in place is ill-defined (PyTorch refuses).
    for (let d = 0; d < this.shape.length; d++) {
      if (this._strides[d] === 0 && this.shape[d] > 1) {
        throw new RangeError(
          'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.',
        );
      }
    }
  }

  // ---------------------------------------------------------------- data access

  /** A copy of the elements in row-major order (bool as Uint8Array of 0/1). */
  toTypedArray(): TypedArrayFor<this['dtype']> {
    return readElements(this) as TypedArrayFor<this['dtype']>;
  }

  /**
   * The single value of a one-element tensor: a number, or a boolean for a bool tensor (`mask.item<boolean>()`).
   * The type parameter defaults to number so that `loss.item().toFixed(4)` reads as in PyTorch.
   */
  item<T extends number | boolean = number>(): T {
    const n = this.numel();
    if (n !== 1) throw new ShapeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const v = this.toTypedArray()[0];
    return (this.dtype === 'bool' ? v !== 0 : v) as T;
  }

  /** Nested arrays (numbers, or booleans for bool tensors); a 0-d tensor gives its value. */
  tolist(): NestedArray {
    const flat = this.toTypedArray();
    const isBool = this.dtype === 'bool';
    const shape = this.shape;
    let at = 0;
    const build = (d: number): NestedArray => {
      if (d === shape.length) {
        const v = flat[at++];
        return isBool ? v !== 0 : v;
      }
      const out: NestedArray[] = new Array(shape[d]);
      for (let i = 0; i < shape[d]; i++) out[i] = build(d + 1);
      return out;
    };
    return build(0);
  }

  /** What print(t) prints in PyTorch. */
  toString(): string {
    this._check();
    const gradFnName = this.gradFn !== null ? this.gradFn.name() : null;
    return formatTensor({
      shape: this.shape,
      dtype: this.dtype,
      values: this.numel() > 0 ? this.toTypedArray() : new Float32Array(0),
      requiresGrad: this._requiresGrad,
      gradFnName,
    });
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this._disposed ? `Tensor(disposed, shape=[${this.shape.join(', ')}])` : this.toString();
  }

  /** @internal torch.FloatTensor-style name used in PyTorch's messages. */
  _torchTypeName(): string {
    return { float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int32: 'torch.IntTensor', bool: 'torch.BoolTensor' }[this.dtype];
  }
}
