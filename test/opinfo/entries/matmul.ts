// Matrix products (src/ops/matmul: mm, bmm, mv, dot, outer, ger, addmm, matmul, linear, einsum) and linear algebra
// (src/linalg: matrixNorm, svd, svdvals).
import {
  DTypeError, NotSupportedError, ShapeError, addmm, bmm, dot, einsum, linalg, linear, matmul, mm, mv, noGrad, ones, tensor,
  type Tensor,
} from '../../../src/index';
import { numelOf } from '../inputs';
import { pairSamples, specOf } from '../samples';
import type { ErrorInput, OpEntry, Sample } from '../types';
import { exported } from './define';

type Shape = readonly number[];

/** Special values for the products: an infinity times zero and NaN spread along their rows and columns. */
const SPECIAL_ROWS = [1, Infinity, 0, NaN, 1, 2];
const SPECIAL_COLS = [0, 1, 1, 0, 2, -Infinity];

const intOperands = (op: string, call: () => unknown): ErrorInput => ({
  label: 'int32 operands (the products are computed in float32 or float64)',
  call,
  error: NotSupportedError,
  message: `${op}: int32 tensors are not supported`,
});

interface ProductOptions {
  /** float32 operand shapes. */
  shapes: (readonly [Shape, Shape])[];
  /** float64 operand shapes, small enough for gradcheck. */
  float64: (readonly [Shape, Shape])[];
  /** Operand shapes for the special values (float32 and float64). */
  special: readonly [Shape, Shape];
  /** Further samples: calls PyTorch refuses (wrong shapes, mixed dtypes, bool), promotions. */
  more: Sample[];
  errors: ErrorInput[];
}

/** A product of two tensors with a method (x.mm(y)). */
function productEntry(name: string, options: ProductOptions): OpEntry {
  const fn = exported(name);
  const samples: Sample[] = [...pairSamples('float32', options.shapes), ...pairSamples('float64', options.float64)];
  const [a, b] = options.special;
  for (const dtype of ['float32', 'float64'] as const) {
    samples.push({
      inputs: [
        specOf(a, dtype, { values: SPECIAL_ROWS.slice(0, numelOf(a)) }),
        specOf(b, dtype, { values: SPECIAL_COLS.slice(0, numelOf(b)) }),
      ],
      label: `special ${dtype}`,
    });
  }
  samples.push(...options.more);
  return {
    name,
    call: ([a, b]) => fn(a, b),
    torch: `lambda t, k: torch.${name}(t[0], t[1])`,
    samples,
    grad: true,
    gradgrad: true,
    tolerance: 'sum',
    method: ([a, b]) => (a as unknown as Record<string, (o: Tensor) => Tensor>)[name]!(b!),
    errors: options.errors,
  };
}

const refusedPair = (a: Shape, b: Shape, dtypes: readonly ['float32' | 'float64' | 'bool' | 'int32', 'float32' | 'float64' | 'bool' | 'int32'] = ['float32', 'float32'], label?: string): Sample => ({
  inputs: [specOf(a, dtypes[0]), specOf(b, dtypes[1])],
  ...(label ? { label } : {}),
});

const mmEntry = productEntry('mm', {
  shapes: [[[3, 4], [4, 5]], [[1, 1], [1, 1]], [[0, 3], [3, 4]], [[3, 0], [0, 4]], [[17, 9], [9, 33]], [[5, 129], [129, 7]], [[129, 2], [2, 3]]],
  float64: [[[2, 3], [3, 4]], [[4, 1], [1, 5]]],
  special: [[2, 3], [3, 2]],
  more: [
    refusedPair([3, 4], [5, 2], ['float32', 'float32'], 'inner sizes differ'),
    refusedPair([3, 4], [4, 2], ['float32', 'float64'], 'float32 @ float64'),
    refusedPair([2, 1], [1, 2], ['bool', 'bool'], 'bool'),
    refusedPair([3], [3, 2], ['float32', 'float32'], '1-D operand'),
  ],
  errors: [
    { label: 'inner sizes differ', call: () => mm(ones([3, 4]), ones([5, 6])), error: ShapeError, message: 'cannot be multiplied (3x4 and 5x6)' },
    { label: 'a 3-D operand', call: () => mm(ones([2, 3, 4]), ones([4, 5])), error: ShapeError, message: 'self must be a matrix' },
    { label: 'mixed dtypes', call: () => mm(ones([2, 2]), ones([2, 2], { dtype: 'float64' })), error: DTypeError, message: 'float != double' },
    intOperands('mm', () => mm(ones([2, 2], { dtype: 'int32' }), ones([2, 2], { dtype: 'int32' }))),
  ],
});

const bmmEntry = productEntry('bmm', {
  shapes: [[[2, 3, 4], [2, 4, 5]], [[1, 1, 1], [1, 1, 1]], [[0, 3, 4], [0, 4, 2]], [[3, 0, 4], [3, 4, 2]], [[2, 3, 0], [2, 0, 4]], [[3, 17, 9], [3, 9, 13]], [[1, 5, 129], [1, 129, 3]]],
  float64: [[[2, 2, 3], [2, 3, 2]], [[1, 3, 2], [1, 2, 4]]],
  special: [[1, 2, 3], [1, 3, 2]],
  more: [
    refusedPair([2, 3, 4], [3, 4, 5], ['float32', 'float32'], 'batch sizes differ'),
    refusedPair([2, 3, 4], [2, 5, 5], ['float32', 'float32'], 'inner sizes differ'),
    refusedPair([3, 4], [4, 5], ['float32', 'float32'], '2-D operands'),
    refusedPair([1, 3, 4], [1, 4, 2], ['float64', 'float32'], 'float64 @ float32'),
  ],
  errors: [
    { label: 'batch sizes differ', call: () => bmm(ones([2, 3, 4]), ones([3, 4, 5])), error: ShapeError, message: 'Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4]' },
    { label: '2-D operand', call: () => bmm(ones([3, 4]), ones([1, 4, 5])), error: ShapeError, message: 'batch1 must be a 3D tensor' },
    { label: 'mixed dtypes', call: () => bmm(ones([1, 2, 2]), ones([1, 2, 2], { dtype: 'float64' })), error: DTypeError, message: 'expected scalar type Float but found Double' },
    intOperands('bmm', () => bmm(ones([1, 2, 2], { dtype: 'int32' }), ones([1, 2, 2], { dtype: 'int32' }))),
  ],
});

const mvEntry = productEntry('mv', {
  shapes: [[[3, 4], [4]], [[0, 3], [3]], [[3, 0], [0]], [[129, 7], [7]], [[1, 1], [1]], [[5, 129], [129]]],
  float64: [[[3, 4], [4]], [[1, 5], [5]]],
  special: [[2, 3], [3]],
  more: [
    refusedPair([3, 4], [5], ['float32', 'float32'], 'sizes differ'),
    refusedPair([3], [3], ['float32', 'float32'], '1-D matrix'),
    refusedPair([3, 4], [4], ['float64', 'float32'], 'float64 @ float32'),
  ],
  errors: [
    { label: 'sizes differ', call: () => mv(ones([3, 4]), ones([5])), error: ShapeError, message: 'size mismatch, got input (3), mat (3x4), vec (5)' },
    { label: '2-D vector', call: () => mv(ones([3, 4]), ones([4, 1])), error: ShapeError, message: 'vector + matrix @ vector expected, got 1, 2, 2' },
    intOperands('mv', () => mv(ones([2, 2], { dtype: 'int32' }), ones([2], { dtype: 'int32' }))),
  ],
});

const dotEntry = productEntry('dot', {
  shapes: [[[7], [7]], [[0], [0]], [[1], [1]], [[129], [129]], [[33], [33]]],
  float64: [[[5], [5]], [[1], [1]]],
  special: [[3], [3]],
  more: [
    refusedPair([3], [4], ['float32', 'float32'], 'lengths differ'),
    refusedPair([2, 2], [4], ['float32', 'float32'], '2-D operand'),
    refusedPair([3], [3], ['float32', 'float64'], 'float32 . float64'),
  ],
  errors: [
    { label: 'lengths differ', call: () => dot(ones([3]), ones([4])), error: ShapeError, message: 'inconsistent tensor size, expected tensor [3] and src [4]' },
    { label: '0-d operand', call: () => dot(ones([]), ones([1])), error: ShapeError, message: '1D tensors expected, but got 0D and 1D tensors' },
    { label: 'mixed dtypes', call: () => dot(ones([2]), ones([2], { dtype: 'float64' })), error: DTypeError, message: 'expected both vectors to have same dtype, but found Float and Double' },
    intOperands('dot', () => dot(ones([2], { dtype: 'int32' }), ones([2], { dtype: 'int32' }))),
  ],
});

/** outer and ger: PyTorch computes them as a.reshape(-1, 1) * b, so they promote dtypes as multiplication does. */
function outerLike(name: 'outer' | 'ger'): OpEntry {
  const fn = exported(name);
  return productEntry(name, {
    shapes: [[[3], [4]], [[0], [3]], [[3], [0]], [[1], [1]], [[129], [5]], [[17], [9]]],
    float64: [[[4], [5]], [[1], [3]]],
    special: [[3], [3]],
    more: [
      refusedPair([2, 2], [3], ['float32', 'float32'], '2-D operand'),
      refusedPair([3], [], ['float32', 'float32'], '0-d operand'),
      // Promotions PyTorch's multiplication gives.
      { inputs: [specOf([3], 'float32'), specOf([4], 'float64')], label: 'float32 x float64' },
      { inputs: [specOf([3], 'int32'), specOf([2], 'int32')], label: 'int32 x int32' },
      { inputs: [specOf([3], 'int32'), specOf([4], 'float32')], label: 'int32 x float32' },
      { inputs: [specOf([3], 'bool'), specOf([2], 'bool')], label: 'bool x bool' },
    ],
    errors: [
      { label: '2-D operand', call: () => fn(ones([2, 2]), ones([3])), error: ShapeError, message: 'outer: Expected 1-D argument self, but got 2-D' },
      { label: '0-d operand', call: () => fn(ones([2]), ones([])), error: ShapeError, message: 'outer: Expected 1-D argument vec2, but got 0-D' },
    ],
  });
}

const addmmEntry: OpEntry = {
  name: 'addmm',
  call: ([input, m1, m2], k) => addmm(input!, m1!, m2!, k),
  torch: "lambda t, k: torch.addmm(t[0], t[1], t[2], beta=k.get('beta', 1), alpha=k.get('alpha', 1))",
  samples: [
    { inputs: [specOf([3, 5]), specOf([3, 4]), specOf([4, 5])] },
    { inputs: [specOf([5]), specOf([3, 4]), specOf([4, 5])], label: 'row input broadcast' },
    { inputs: [specOf([3, 1]), specOf([3, 4]), specOf([4, 5])], label: 'column input broadcast' },
    { inputs: [specOf([]), specOf([3, 4]), specOf([4, 5])], label: '0-d input' },
    { inputs: [specOf([3, 5]), specOf([3, 4]), specOf([4, 5])], args: { beta: 0.5, alpha: 2 } },
    { inputs: [specOf([3, 5]), specOf([3, 4]), specOf([4, 5])], args: { alpha: 0 } },
    { inputs: [specOf([3, 5]), specOf([3, 4]), specOf([4, 5])], args: { beta: -1.5 } },
    {
      inputs: [specOf([2, 2], 'float32', { values: [NaN, Infinity, -Infinity, 1] }), specOf([2, 3]), specOf([3, 2])],
      args: { beta: 0 },
      label: 'beta 0 ignores NaN and inf in input',
    },
    { inputs: [specOf([17, 33]), specOf([17, 129]), specOf([129, 33])], args: { beta: 2, alpha: 0.25 } },
    { inputs: [specOf([0, 4]), specOf([0, 3]), specOf([3, 4])], label: 'no rows' },
    { inputs: [specOf([2, 3]), specOf([2, 0]), specOf([0, 3])], args: { beta: 3 }, label: 'no inner dim' },
    { inputs: [specOf([2, 3], 'float64'), specOf([2, 4], 'float64'), specOf([4, 3], 'float64')] },
    { inputs: [specOf([3], 'float64'), specOf([2, 4], 'float64'), specOf([4, 3], 'float64')], args: { beta: 2, alpha: -1 } },
    { inputs: [specOf([2, 1], 'float64'), specOf([2, 3], 'float64'), specOf([3, 2], 'float64')], args: { beta: 0.5 } },
    { inputs: [specOf([4, 5]), specOf([3, 4]), specOf([4, 5])], label: 'input does not broadcast' },
    { inputs: [specOf([3, 5], 'float64'), specOf([3, 4]), specOf([4, 5])], label: 'float64 input, float32 matrices' },
    { inputs: [specOf([3, 5]), specOf([3, 4]), specOf([3, 5])], label: 'inner sizes differ' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  method: ([input, m1, m2], k) => input!.addmm(m1!, m2!, k),
  errors: [
    { label: 'inner sizes differ', call: () => addmm(ones([3, 5]), ones([3, 4]), ones([5, 5])), error: ShapeError, message: 'mat1 and mat2 shapes cannot be multiplied (3x4 and 5x5)' },
    { label: '1-D mat1', call: () => addmm(ones([3]), ones([3]), ones([3, 3])), error: ShapeError, message: 'mat1 must be a matrix, got 1-D tensor' },
    { label: 'unknown option key', call: () => addmm(ones([2, 2]), ones([2, 2]), ones([2, 2]), { betta: 1 } as never), error: TypeError, message: "addmm() got an unexpected keyword argument 'betta'" },
    intOperands('addmm', () => addmm(ones([2, 2], { dtype: 'int32' }), ones([2, 2], { dtype: 'int32' }), ones([2, 2], { dtype: 'int32' }))),
  ],
};

/** matmul's rank combinations (dot, mv, mm, folded, batched with broadcasting). */
const MATMUL_SHAPES: (readonly [Shape, Shape])[] = [
  [[4], [4]],
  [[3, 4], [4]],
  [[4], [4, 3]],
  [[3, 4], [4, 5]],
  [[2, 3, 4], [4, 5]],
  [[2, 3, 4], [4]],
  [[4], [2, 4, 3]],
  [[3, 4], [2, 4, 5]],
  [[2, 1, 3, 4], [5, 4, 2]],
  [[2, 3, 4], [2, 4, 5]],
  [[1, 3, 4], [3, 4, 2]],
  [[0, 3, 4], [4, 2]],
  [[2, 3, 0], [0, 5]],
  [[3, 17, 9], [9, 129]],
];

const matmulEntry: OpEntry = {
  name: 'matmul',
  call: ([a, b]) => matmul(a!, b!),
  torch: 'lambda t, k: torch.matmul(t[0], t[1])',
  samples: [
    ...pairSamples('float32', MATMUL_SHAPES),
    ...pairSamples('float64', [[[3], [3]], [[2, 3], [3, 2]], [[2, 2, 3], [3]], [[3], [2, 3, 2]], [[2, 1, 2, 3], [2, 3, 2]], [[2, 2, 3], [3, 2]], [[2, 3], [2, 3, 2]]]),
    refusedPair([], [3], ['float32', 'float32'], '0-d operand'),
    refusedPair([2, 3, 4], [5, 2], ['float32', 'float32'], 'inner sizes differ'),
    refusedPair([2, 3, 4], [3, 4, 2], ['float32', 'float32'], 'batch dims do not broadcast'),
    refusedPair([3, 4], [4, 2], ['float32', 'float64'], 'float32 @ float64'),
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  method: ([a, b]) => a!.matmul(b!),
  errors: [
    { label: '0-d operand', call: () => matmul(ones([]), ones([3])), error: ShapeError, message: 'both arguments to matmul need to be at least 1D, but they are 0D and 1D' },
    { label: 'inner sizes differ', call: () => matmul(ones([2, 3, 4]), ones([5, 2])), error: ShapeError, message: 'cannot be multiplied' },
    intOperands('mm', () => matmul(ones([2, 2], { dtype: 'int32' }), ones([2, 2], { dtype: 'int32' }))),
  ],
};

/** linear(input, weight, bias?): inputs [input, weight] or [input, weight, bias]. */
const linearEntry: OpEntry = {
  name: 'linear',
  call: ([x, w, b]) => (b === undefined ? linear(x!, w!) : linear(x!, w!, b)),
  torch: 'lambda t, k: F.linear(t[0], t[1], t[2] if len(t) > 2 else None)',
  samples: [
    ...[
      [[3, 4], [5, 4], [5]],
      [[3, 4], [5, 4]],
      [[4], [5, 4], [5]],
      [[2, 3, 4], [5, 4], [5]],
      [[2, 3, 4], [5, 4]],
      [[2, 2, 3, 4], [5, 4], [5]],
      [[1, 4], [1, 4], [1]],
      [[3, 4], [5, 4], []],
      [[2, 3, 4], [5, 4], [3, 5]],
      [[3, 4], [4]],
      [[0, 4], [5, 4], [5]],
      [[3, 0], [5, 0], [5]],
      [[3, 129], [7, 129], [7]],
      [[17, 33], [9, 33], [9]],
    ].map((shapes) => ({ inputs: shapes.map((s) => specOf(s)) })),
    ...[
      [[2, 3], [4, 3], [4]],
      [[3], [2, 3], [2]],
      [[2, 2, 3], [2, 3], [2]],
      [[2, 3], [2, 3]],
    ].map((shapes) => ({ inputs: shapes.map((s) => specOf(s, 'float64')) })),
    { inputs: [specOf([3, 4]), specOf([5, 3]), specOf([5])], label: 'in_features differ' },
    { inputs: [specOf([3, 4]), specOf([5, 4], 'float64'), specOf([5])], label: 'float64 weight' },
    { inputs: [specOf([3, 4]), specOf([5, 4]), specOf([4])], label: 'bias does not broadcast' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    { label: '0-d input', call: () => linear(ones([]), ones([2, 1])), error: ShapeError, message: 'both arguments to linear need to be at least 1D, but they are 0D and 2D' },
    { label: 'in_features differ', call: () => linear(ones([3, 4]), ones([5, 3])), error: ShapeError, message: 'cannot be multiplied (3x4 and 3x5)' },
  ],
};

/** einsum(equation, ...operands): the equation is args.eq; args.list passes the operands as one array. */
const einsumEntry: OpEntry = {
  name: 'einsum',
  call: (t, k) => (k.list ? einsum(k.eq as string, t) : einsum(k.eq as string, ...t)),
  torch: "lambda t, k: torch.einsum(k['eq'], *t)",
  samples: [
    ...(
      [
        ['ij,jk->ik', [3, 4], [4, 5]],
        ['bij,bjk->bik', [2, 3, 4], [2, 4, 5]],
        ['ii->i', [4, 4]],
        ['ii', [3, 3]],
        ['i,i->', [7], [7]],
        ['i,j->ij', [3], [4]],
        ['ij->ji', [3, 4]],
        ['ijk->', [2, 3, 4]],
        ['ij,jk', [3, 4], [4, 2]],
        ['...ij,...jk->...ik', [2, 1, 3, 4], [5, 4, 2]],
        ['bn,anm,bm->ba', [2, 3], [4, 3, 5], [2, 5]],
        ['ij,ij->ij', [3, 4], [3, 4]],
        ['iij->j', [3, 3, 2]],
        ['ij,kl->ijkl', [2, 3], [2, 2]],
        ['i,i->i', [1], [5]],
        ['Ab,bC->AC', [2, 3], [3, 4]],
        ['b...,b->...', [3, 2, 2], [3]],
        [' i j , j k -> k i ', [2, 3], [3, 4]],
        ['ij,jk->ik', [0, 3], [3, 2]],
        ['ij,jk->ik', [2, 0], [0, 3]],
        ['i,i->', [129], [129]],
        ['ij,jk,kl->il', [3, 17], [17, 9], [9, 2]],
      ] as [string, ...Shape[]][]
    ).map(([eq, ...shapes]) => ({ inputs: shapes.map((s) => specOf(s)), args: { eq }, label: eq })),
    { inputs: [specOf([3, 4]), specOf([4, 5])], args: { eq: 'ij,jk->ik', list: true }, label: 'operands as a list' },
    ...(
      [
        ['ij,jk->ik', [2, 3], [3, 2]],
        ['bij,bjk->bik', [2, 2, 3], [2, 3, 2]],
        ['ii->i', [3, 3]],
        ['bn,anm,bm->ba', [2, 3], [2, 3, 2], [2, 2]],
        ['i,j->ij', [3], [4]],
        ['iij->j', [2, 2, 3]],
      ] as [string, ...Shape[]][]
    ).map(([eq, ...shapes]) => ({ inputs: shapes.map((s) => specOf(s, 'float64')), args: { eq }, label: `${eq} float64` })),
    { inputs: [specOf([3, 4]), specOf([5, 6])], args: { eq: 'ij,jk->ik' }, label: 'sizes differ' },
    { inputs: [specOf([3, 4])], args: { eq: 'ij->ik' }, label: 'output subscript not in the input' },
    { inputs: [specOf([3, 4])], args: { eq: 'ijk->i' }, label: 'too many subscripts' },
    { inputs: [specOf([3, 4]), specOf([4, 5], 'float64')], args: { eq: 'ij,jk->ik' }, label: 'mixed dtypes' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    { label: 'subscripts do not match the dims', call: () => einsum('ijk->i', ones([3, 4])), error: ShapeError, message: 'the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0' },
    { label: 'output subscript not in the input', call: () => einsum('ij->ik', ones([3, 4])), error: ShapeError, message: 'output subscript k does not appear in the equation for any input operand' },
    { label: 'no operands', call: () => einsum('i->i'), error: ShapeError, message: 'must provide at least one operand' },
    { label: 'fewer operands than the equation names', call: () => einsum('i,i->i', ones([2])), error: ShapeError, message: 'fewer operands were provided than specified in the equation' },
    intOperands('bmm', () => einsum('ij,jk->ik', ones([2, 2], { dtype: 'int32' }), ones([2, 2], { dtype: 'int32' }))),
  ],
};

// ---------------------------------------------------------------- linear algebra

const matrixNorm = linalg.matrixNorm;

/** matrixNorm(A, ord?, { dim, keepdim }?): args.ord (absent: the default 'fro'), args.dim and args.keepdim. */
const matrixNormEntry: OpEntry = {
  name: 'linalg.matrixNorm',
  call: ([A], k) => {
    const { ord, ...rest } = k;
    const options = Object.keys(rest).length > 0 ? (rest as linalg.MatrixNormOptions) : undefined;
    if (ord === undefined) return options ? matrixNorm(A!, undefined, options) : matrixNorm(A!);
    return matrixNorm(A!, ord as linalg.MatrixNormOrd, options);
  },
  torch: "lambda t, k: torch.linalg.matrix_norm(t[0], ord=k.get('ord', 'fro'), dim=k.get('dim', (-2, -1)), keepdim=k.get('keepdim', False))",
  samples: [
    { inputs: [specOf([3, 4])] },
    ...(['fro', 'nuc', 2, -2, 1, -1, Infinity, -Infinity] as const).flatMap((ord): Sample[] => [
      { inputs: [specOf([3, 4])], args: { ord } },
      { inputs: [specOf([2, 3, 5])], args: { ord } },
      { inputs: [specOf([2, 4, 3])], args: { ord, keepdim: true } },
      { inputs: [specOf([3, 2, 4])], args: { ord, dim: [0, 2] } },
      { inputs: [specOf([3, 2, 4])], args: { ord, dim: [2, 0], keepdim: true } },
      { inputs: [specOf([2, 3], 'float64')], args: { ord } },
      { inputs: [specOf([0, 3])], args: { ord }, label: `[0, 3] ord ${String(ord)}` },
    ]),
    { inputs: [specOf([1, 1])], args: { ord: 2 } },
    { inputs: [specOf([129, 3])] },
    { inputs: [specOf([3, 3], 'float64')], args: { ord: 'nuc', keepdim: false } },
    { inputs: [specOf([2, 2, 2], 'float64')], args: { ord: 2, keepdim: true } },
    { inputs: [specOf([2, 3, 2], 'float64')], args: { ord: 'nuc', dim: [-1, 0] } },
    { inputs: [specOf([3, 1, 2], 'float64')], args: { ord: -Infinity, dim: [0, -1], keepdim: true } },
    { inputs: [specOf([2, 3, 4])], args: { dim: [1, 1] }, label: 'the same dim twice' },
    { inputs: [specOf([2, 3, 4])], args: { dim: [0, 3] }, label: 'dim out of range' },
    { inputs: [specOf([2, 3, 4])], args: { dim: [0, 1, 2] }, label: 'three dims' },
    { inputs: [specOf([3, 4], 'int32')], label: 'int32 input' },
    { inputs: [specOf([4])], label: '1-D input' },
    { inputs: [specOf([3, 4])], args: { ord: 3 }, label: 'ord 3' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    { label: '1-D input', call: () => matrixNorm(ones([4])), error: ShapeError, message: 'The input tensor A must have at least 2 dimensions' },
    { label: 'int32 input', call: () => matrixNorm(ones([2, 2], { dtype: 'int32' })), error: DTypeError, message: 'Expected a floating point tensor as input. Got int32' },
    { label: 'unsupported ord', call: () => matrixNorm(ones([2, 2]), 3), error: RangeError, message: 'Order 3 not supported' },
    { label: 'unknown option key', call: () => matrixNorm(ones([2, 2]), 'fro', { keepDim: true } as never), error: TypeError, message: "linalg.matrix_norm() got an unexpected keyword argument 'keepDim'" },
    { label: 'the same dim twice', call: () => matrixNorm(ones([2, 2, 2]), 'fro', { dim: [1, -2] }), error: ShapeError, message: 'linalg.matrix_norm: dims must be different. Got (1, -2)' },
  ],
};

/**
 * Signs that make the largest-magnitude entry of each column of U positive, shaped [..., 1, k] to scale U's
 * columns and (transposed) Vh's rows; computed outside autograd, as constants.
 */
function columnSigns(U: Tensor): Tensor {
  return noGrad(() => {
    const u = U.detach();
    if (u.shape[u.ndim - 2] === 0) return ones([...u.shape.slice(0, -2), 1, u.shape[u.ndim - 1]], { dtype: u.dtype });
    return u.gather(-2, u.abs().argmax(-2, true)).sign();
  });
}

/** The same signs in PyTorch (a Python expression of U). */
const PY_SIGNS = (U: string) =>
  `(${U}.detach().gather(-2, ${U}.detach().abs().argmax(-2, keepdim=True)).sign() if ${U}.shape[-2] > 0 else torch.ones(${U}.shape[:-2] + (1, ${U}.shape[-1]), dtype=${U}.dtype))`;

/**
 * svd's factors are unique only up to the sign of each singular vector pair, and for full matrices the columns of U
 * (rows of Vh) past k = min(m, n) are any orthonormal completion. So the entry compares what is unique: the first
 * k columns of U and rows of Vh with each pair's sign fixed (its largest-magnitude entry of U positive), the
 * singular values and the reconstruction U diag(S) Vh; gradients flow through all four. With args.gram it also
 * compares the Gram matrices U^T U and Vh Vh^T of the whole factors (identities whatever completion was chosen),
 * computed on detached factors: they are constants, so gradcheck samples (float64) leave them out. With
 * args.nuclear it returns the sum of the singular values alone: its gradient U Vh is unique even where singular
 * values repeat (an orthogonal matrix), where the unused factors' zero gradients must not give 0 / 0.
 */
const svdEntry: OpEntry = {
  name: 'linalg.svd',
  call: ([A], k) => {
    const { U, S, Vh } = k.positional ? linalg.svd(A!, k.fullMatrices as boolean) : 'fullMatrices' in k ? linalg.svd(A!, { fullMatrices: k.fullMatrices as boolean }) : linalg.svd(A!);
    if (k.nuclear) return S.sum(-1);
    const n = S.shape[S.ndim - 1]!;
    const Uk = U.narrow(-1, 0, n);
    const Vhk = Vh.narrow(-2, 0, n);
    const signs = columnSigns(Uk);
    // + 0: the sign of an exact zero in a factor is not determined either (-0 + 0 is +0).
    const unique = [Uk.mul(signs).add(0), S, Vhk.mul(signs.mT).add(0), Uk.mul(S.unsqueeze(-2)).matmul(Vhk).add(0)];
    if (!k.gram) return unique;
    const [u, vh] = noGrad(() => [U.detach(), Vh.detach()]);
    return [...unique, u!.mT.matmul(u!).add(0), vh!.matmul(vh!.mT).add(0)];
  },
  torch:
    "lambda t, k: (lambda r: r.S.sum(-1) if k.get('nuclear') else (lambda n: (lambda Uk, Vhk: (lambda s: [Uk * s + 0, r.S, Vhk * s.mT + 0, (Uk * r.S.unsqueeze(-2)) @ Vhk + 0] + " +
    "([r.U.detach().mT @ r.U.detach() + 0, r.Vh.detach() @ r.Vh.detach().mT + 0] if k.get('gram') else []))(" +
    PY_SIGNS('Uk') +
    "))(r.U[..., :n], r.Vh[..., :n, :]))(r.S.shape[-1]))(torch.linalg.svd(t[0], full_matrices=k.get('fullMatrices', True)))",
  samples: [
    { inputs: [specOf([3, 3])], args: { gram: true } },
    { inputs: [specOf([4, 3])], args: { gram: true } },
    { inputs: [specOf([3, 4])], args: { gram: true } },
    { inputs: [specOf([4, 3])], args: { gram: true, fullMatrices: false } },
    { inputs: [specOf([3, 5])], args: { gram: true, fullMatrices: false } },
    { inputs: [specOf([5, 2])], args: { gram: true, fullMatrices: false, positional: true }, label: 'fullMatrices as a boolean' },
    { inputs: [specOf([2, 3, 4])], args: { gram: true } },
    { inputs: [specOf([2, 2, 3, 2])], args: { gram: true, fullMatrices: false } },
    { inputs: [specOf([1, 1])], args: { gram: true } },
    { inputs: [specOf([5, 1])], args: { gram: true } },
    { inputs: [specOf([1, 5])], args: { gram: true, fullMatrices: false } },
    { inputs: [specOf([0, 3])], args: { gram: true } },
    { inputs: [specOf([0, 3])], args: { gram: true, fullMatrices: false } },
    { inputs: [specOf([3, 0])], args: { gram: true } },
    { inputs: [specOf([2, 0, 2])], args: { gram: true, fullMatrices: false } },
    { inputs: [specOf([9, 7])], args: { gram: true } },
    { inputs: [specOf([2, 2], 'float32', { values: [1, 2, 2, 4], grad: false })], args: { gram: true }, label: 'rank 1 (one zero singular value)' },
    { inputs: [specOf([3, 2], 'float32', { values: [3, 0, 0, -2, 0, 0], grad: false })], args: { gram: true }, label: 'diagonal with a negative entry' },
    { inputs: [specOf([3, 3], 'float64')] },
    { inputs: [specOf([3, 2], 'float64')], args: { fullMatrices: false } },
    { inputs: [specOf([2, 3], 'float64')] },
    { inputs: [specOf([2, 2, 2], 'float64')] },
    { inputs: [specOf([4, 3], 'float64')], args: { fullMatrices: true } },
    { inputs: [specOf([2, 2], 'float32', { values: [0.6, -0.8, 0.8, 0.6] })], args: { nuclear: true }, label: 'rotation, sum of S' },
    { inputs: [specOf([3, 3], 'float64', { values: [0, 1, 0, 0, 0, 1, 1, 0, 0] })], args: { nuclear: true }, label: 'permutation, sum of S' },
    { inputs: [specOf([4])], label: '1-D input' },
    { inputs: [specOf([2, 2], 'int32')], label: 'int32 input' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    { label: '1-D input', call: () => linalg.svd(ones([3])), error: ShapeError, message: 'linalg.svd: The input tensor A must have at least 2 dimensions.' },
    { label: 'int32 input', call: () => linalg.svd(ones([2, 2], { dtype: 'int32' })), error: DTypeError, message: 'linalg.svd: Expected a floating point tensor as input. Got int32' },
    { label: 'unknown option key', call: () => linalg.svd(ones([2, 2]), { fullMatrix: false } as never), error: TypeError, message: "linalg.svd() got an unexpected keyword argument 'fullMatrix'" },
  ],
};

const svdvalsEntry: OpEntry = {
  name: 'linalg.svdvals',
  call: ([A]) => linalg.svdvals(A!),
  torch: 'lambda t, k: torch.linalg.svdvals(t[0])',
  samples: [
    ...[[3, 3], [4, 3], [3, 4], [2, 3, 4], [2, 2, 5, 3], [1, 1], [1, 5], [0, 3], [3, 0], [2, 0, 3], [9, 7], [17, 4]].map((s) => ({ inputs: [specOf(s)] })),
    { inputs: [specOf([2, 2], 'float32', { values: [1, 2, 2, 4] })], label: 'rank 1 (one zero singular value)' },
    { inputs: [specOf([3, 3], 'float32', { values: [1, 0, 0, 0, 1, 0, 0, 0, 1], grad: false })], label: 'identity (repeated singular values)' },
    ...[[3, 3], [2, 3], [4, 2], [2, 2, 2]].map((s) => ({ inputs: [specOf(s, 'float64')] })),
    { inputs: [specOf([4])], label: '1-D input' },
    { inputs: [specOf([2, 2], 'int32')], label: 'int32 input' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    { label: '1-D input', call: () => linalg.svdvals(ones([3])), error: ShapeError, message: 'linalg.svdvals: The input tensor A must have at least 2 dimensions.' },
    { label: 'bool input', call: () => linalg.svdvals(tensor([[true, false], [false, true]])), error: DTypeError, message: 'Expected a floating point tensor as input. Got bool' },
  ],
};


export const matmulEntries: OpEntry[] = [
  addmmEntry, bmmEntry, dotEntry, einsumEntry, outerLike('ger'), linearEntry, matmulEntry, mmEntry, mvEntry, outerLike('outer'),
  matrixNormEntry, svdEntry, svdvalsEntry,
];
