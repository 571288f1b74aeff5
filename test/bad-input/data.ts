// Data that tensor() cannot read: ragged nesting, values that are not numbers or booleans, values int32 cannot hold.
import { DTypeError, ShapeError, tensor, zeros } from '../../src/index';
import { badCall, badCallOn, type BadCall } from './entry';

export const dataCalls: BadCall[] = [
  badCall('tensor: ragged rows [[1, 2], [3]]', () => tensor([[1, 2], [3]]), ShapeError, 'expected sequence of length 2 at dim 1 (got 1)'),
  badCall('tensor: a number where a row was expected', () => tensor([[1, 2], 3] as never), ShapeError, 'expected sequence of length 2 at dim 1 (got number)'),
  badCall('tensor: ragged in the third dim', () => tensor([[[1], [2]], [[3, 4], [5]]]), ShapeError, 'expected sequence of length 1 at dim 2 (got 2)'),
  badCall('tensor: a row where a number was expected', () => tensor([1, [2]] as never), ShapeError, 'expected a number or boolean at [1], got an array of length 1'),
  badCall("tensor: the string 'a'", () => tensor(['a'] as never), TypeError, "tensor(): expected numbers or booleans, got string 'a' at [0]"),
  badCall("tensor: the string '2' inside a row", () => tensor([[1, '2']] as never), TypeError, "tensor(): expected numbers or booleans, got string '2' at [0, 1]"),
  badCall('tensor: null', () => tensor(null as never), TypeError, 'tensor(): expected numbers or booleans, got null'),
  badCall('tensor: undefined', () => tensor(undefined as never), TypeError, 'tensor(): expected numbers or booleans, got undefined'),
  badCall('tensor: a plain object', () => tensor({ a: 1 } as never), TypeError, 'tensor(): expected numbers or booleans, got object'),
  badCall('tensor: a bigint', () => tensor([1n] as never), TypeError, 'tensor(): expected numbers or booleans, got bigint 1 at [0]'),
  badCall('tensor: an array with a hole', () => tensor([1, , 3] as never), TypeError, 'tensor(): expected numbers or booleans, got undefined at [1]'),
  badCall('tensor: a Uint8Array without a dtype', () => tensor(new Uint8Array(2)), DTypeError, 'tensor(Uint8Array): give a dtype'),
  badCallOn('tensor: a Tensor', () => zeros(2), (x) => tensor(x), TypeError, 'tensor(data): data is already a Tensor'),
  badCallOn('add: a string operand', () => zeros(1), (x) => x.add('1' as never), TypeError, 'expected a Tensor, number or boolean operand, got string'),
];
