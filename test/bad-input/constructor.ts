// The exported Tensor constructor wraps a storage without copying: a layout that reaches outside the storage, or
// a storage that went back to the allocator, is refused, so that no handle can read or write another tensor's bytes.
import { DTypeError, DisposedError, ShapeError, Tensor, zeros } from '../../src/index';
import { badCallOn, type BadCall } from './entry';

// The constructor's parameters, as a caller outside the library sees them.
type Construct = (storage: unknown, shape: number[], strides: number[], offset: number, dtype: string, contiguous?: boolean) => Tensor;
const construct: Construct = (...args) => new (Tensor as unknown as new (...a: Parameters<Construct>) => Tensor)(...args);

export const constructorCalls: BadCall[] = [
  badCallOn('new Tensor: 100 elements over a storage of 4', () => zeros(4), (x) => construct(x._storage, [100], [1], 0, 'float32'), ShapeError,
    'sizes [100], strides [1], storage offset 0, and itemsize 4 requiring a storage size of 400 are out of bounds for storage of size 16'),
  badCallOn('new Tensor: offset 10^6', () => zeros(4), (x) => construct(x._storage, [1], [1], 1e6, 'float32'), ShapeError,
    'sizes [1], strides [1], storage offset 1000000, and itemsize 4 requiring a storage size of 4000004 are out of bounds for storage of size 16'),
  badCallOn('new Tensor: a stride that reaches past the end', () => zeros(4), (x) => construct(x._storage, [2, 2], [4, 1], 0, 'float32'), ShapeError,
    'requiring a storage size of 24 are out of bounds for storage of size 16'),
  badCallOn('new Tensor: a negative stride that reaches before the start', () => zeros(4), (x) => construct(x._storage, [2], [-1], 0, 'float32'), ShapeError,
    'sizes [2], strides [-1], storage offset 0 reach element -1, before the start of the storage'),
  badCallOn('new Tensor: a negative offset', () => zeros(4), (x) => construct(x._storage, [1], [1], -1, 'float32'), ShapeError,
    'storage offset must be a non-negative integer, got -1'),
  badCallOn('new Tensor: float64 elements over a float32 storage of 4', () => zeros(4), (x) => construct(x._storage, [4], [1], 0, 'float64'), ShapeError,
    'and itemsize 8 requiring a storage size of 32 are out of bounds for storage of size 16'),
  badCallOn('new Tensor: a fractional size', () => zeros(4), (x) => construct(x._storage, [1.5], [1], 0, 'float32'), ShapeError,
    'invalid shape [1.5]: sizes must be non-negative integers'),
  badCallOn('new Tensor: a contiguous layout claimed for 8 elements over 4', () => zeros(4), (x) => construct(x._storage, [2, 4], [0, 0], 0, 'float32', true), ShapeError,
    'sizes [2, 4], strides [0, 0], storage offset 0, and itemsize 4 requiring a storage size of 32 are out of bounds for storage of size 16'),
  badCallOn('new Tensor: an unknown dtype', () => zeros(4), (x) => construct(x._storage, [4], [1], 0, 'uint8'), DTypeError,
    "unsupported dtype uint8: expected one of 'float32', 'float64', 'int32', 'bool'"),
  badCallOn('new Tensor: the storage of a disposed tensor', () => {
    const x = zeros(4);
    const storage = x._storage;
    x.dispose();
    return { storage };
  }, ({ storage }) => construct(storage, [4], [1], 0, 'float32'), DisposedError, 'Tensor(): the storage was released (every tensor on it was disposed), so no tensor can be made on it'),
  badCallOn('Tensor._empty: sizes [-1, -2] (the block allocated for them is given back)', () => null, () => Tensor._empty([-1, -2], 'float32'), ShapeError,
    'invalid shape [-1, -2]: sizes must be non-negative integers'),
  badCallOn('new Tensor: not a storage', () => null, () => construct({ ptr: 0, bytes: 1 << 20 }, [4], [1], 0, 'float32'), TypeError,
    'Tensor(): expected a Storage, got Object'),
];
