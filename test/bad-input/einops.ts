// einops patterns that do not fit their inputs: unknown or repeated axes, unbalanced parentheses, ranks, lengths
// that do not divide, reductions and packs that do not exist.
import { EinopsError, ShapeError, einops, nn, zeros } from '../../src/index';
import { badCallOn, type BadCall } from './entry';

const header = (fn: string, pattern: string, shape: string, axes = '{}') =>
  ` Error while processing ${fn}-reduction pattern "${pattern}".\n Input tensor shape: ${shape}. Additional info: ${axes}.\n `;

export const einopsCalls: BadCall[] = [
  badCallOn('rearrange: an axis only on the right', () => zeros(2, 3), (x) => einops.rearrange(x, 'a b -> a c'), EinopsError,
    "Identifiers only on one side of expression (should be on both): {'b', 'c'}"),
  badCallOn('rearrange: a pattern of 3 axes for a 2-d input', () => zeros(2, 3), (x) => einops.rearrange(x, 'a b c -> a b c'), EinopsError,
    `${header('rearrange', 'a b c -> a b c', '(2, 3)')}Wrong shape: expected 3 dims. Received 2-dim tensor.`),
  badCallOn('rearrange: 6 cannot be split in chunks of 4', () => zeros(6), (x) => einops.rearrange(x, '(a b) -> a b', { a: 4 }), EinopsError,
    "Shape mismatch, can't divide axis of length 6 in chunks of 4"),
  badCallOn('rearrange: an axis named twice', () => zeros(2, 3), (x) => einops.rearrange(x, 'a a -> a'), EinopsError, 'Indexing expression contains duplicate dimension "a"'),
  badCallOn('rearrange: an unclosed parenthesis', () => zeros(2, 3), (x) => einops.rearrange(x, '(a b -> a b'), EinopsError, 'Imbalanced parentheses in expression: "(a b "'),
  badCallOn('rearrange: a length for an axis the pattern does not use', () => zeros(2, 3), (x) => einops.rearrange(x, 'a b -> b a', { c: 2 }), EinopsError,
    'Axis c is not used in transform'),
  badCallOn('rearrange: two ellipses', () => zeros(2, 3), (x) => einops.rearrange(x, '... a ... -> a'), EinopsError, 'Expression may contain dots only inside ellipsis (...)'),
  badCallOn('reduce: an unknown reduction', () => zeros(2, 3), (x) => einops.reduce(x, 'a b -> a', 'summ' as never), EinopsError,
    "Unknown reduction summ. Expect one of ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all')."),
  badCallOn('repeat: a new axis without a length', () => zeros(2), (x) => einops.repeat(x, 'a -> a b'), EinopsError, "Specify sizes for new axes in repeat: {'b'}"),
  badCallOn('einsum: axis j of lengths 3 and 4', () => [zeros(2, 3), zeros(4, 5)], ([a, b]) => einops.einsum(a, b, 'i j, j k -> i k'), ShapeError,
    'einsum(): subscript b has size 4 for operand 1 which does not broadcast with previously seen size 3'),
  badCallOn('einsum: one tensor for a pattern of two', () => zeros(2, 3), (a) => einops.einsum(a, 'i j, j k -> i k'), ShapeError,
    'einsum(): fewer operands were provided than specified in the equation (the equation has 2, got 1)'),
  badCallOn('pack: shapes that differ outside the packed axes', () => [zeros(2, 3), zeros(4)], (ts) => einops.pack(ts, 'i *'), ShapeError,
    'Sizes of tensors must match except in dimension 1. Expected size 2 but got size 4 for tensor number 1 in the list.'),
  badCallOn('unpack: shapes [2] and [5] from 6 elements', () => zeros(6), (x) => einops.unpack(x, [[2], [5]], '*'), EinopsError,
    'Error during unpack(..., "*"): could not split axis of size 6 into requested [(2,), (5,)]'),
  badCallOn('parseShape: 3 axes for a 2-d tensor', () => zeros(2, 3), (x) => einops.parseShape(x, 'a b c'), EinopsError,
    "Can't parse shape with different number of dimensions: a b c (2, 3)"),
  badCallOn('nn.Rearrange: a 3-d input for a 2-d pattern', () => ({ layer: new nn.Rearrange('a b -> b a'), x: zeros(2, 3, 4) }), ({ layer, x }) => layer.forward(x),
    EinopsError, 'Wrong shape: expected 2 dims. Received 3-dim tensor.'),
];
