// The fixed-rank matrix products: mm, bmm, mv, dot, outer (ger), addmm. Each runs one batched GEMM call on its
// operands' strides (transposed operands are read in place, never copied), and records PyTorch's backward:
// gradients are products of the output gradient with transposed views, so they are differentiable again.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { noGrad } from '../../autograd/grad-mode';
import { ShapeError } from '../../errors';
import { shapeString } from '../../shape';
import { copyInto } from '../../backend/copy';
import { batchOf, gemm, matrixOf, vectorAs } from '../../backend/matmul';
import type { DType } from '../../dtype';
import { checkOptionKeys } from '../../options';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { mul } from '../elementwise';
import { sumToSize } from '../reduce';
import { expand } from '../views';
import { productResult, scalarTypeName } from './product-result';

/** Which inputs of a bilinear product need a gradient (the recorded args of its node). */
interface Needs {
  a: boolean;
  b: boolean;
}

type GradFormula = (g: Tensor, other: Tensor) => Tensor;

/**
 * The backward of a bilinear product out = f(a, b): the gradient for a is read from the saved b and the gradient for
 * b from the saved a. Built once per op; the formulas are differentiable ops, so they can be differentiated again.
 */
function bilinearBackward(gradA: GradFormula, gradB: GradFormula): BackwardFn<Needs> {
  return ([g], saved, needs) => [needs.a ? gradA(g, saved[0]) : null, needs.b ? gradB(g, saved[saved.length - 1]) : null];
}

/** Records a bilinear product, saving only what the needed gradients read (as PyTorch saves). */
function recordBilinear(name: string, a: Tensor, b: Tensor, out: Tensor, backward: BackwardFn<Needs>): void {
  if (!needsGrad(a, b)) return;
  const needA = needsGrad(a);
  const needB = needsGrad(b);
  record(name, [a, b], [out], backward, needA && needB ? [b, a] : needA ? [b] : [a], { a: needA, b: needB });
}

/** Applies f to a temporary view and disposes the view (the result keeps what it needs). */
function withView<T>(view: Tensor, f: (v: Tensor) => T): T {
  try {
    return f(view);
  } finally {
    view.dispose();
  }
}

// The ops' types are written out: inferring them from the declarations would make the Tensor method types, which
// are derived from these exports, depend on themselves.
type Product = (input: Tensor, other: Tensor) => Tensor;
type ProductOp = Op<Product, Product, null>;
type Addmm = (input: Tensor, mat1: Tensor, mat2: Tensor, options?: AddmmOptions) => Tensor;

const MM_BACKWARD = bilinearBackward((g, b) => withView(b.t(), (bt) => mm(g, bt)), (g, a) => withView(a.t(), (at) => mm(at, g)));
const BMM_BACKWARD = bilinearBackward(
  (g, b) => withView(b.transpose(1, 2), (bt) => bmm(g, bt)),
  (g, a) => withView(a.transpose(1, 2), (at) => bmm(at, g)),
);
const MV_BACKWARD = bilinearBackward((g, v) => outer(g, v), (g, a) => withView(a.t(), (at) => mv(at, g)));
const DOT_BACKWARD = bilinearBackward((g, b) => mul(g, b), (g, a) => mul(g, a));

const bmmMismatch = (x: DType, y: DType): string => `expected scalar type ${scalarTypeName(x)} but found ${scalarTypeName(y)}`;
const dotMismatch = (x: DType, y: DType): string =>
  `dot : expected both vectors to have same dtype, but found ${scalarTypeName(x)} and ${scalarTypeName(y)}`;
const addmmMismatch = (x: DType, y: DType): string =>
  `self and mat2 must have the same dtype, but got ${scalarTypeName(x)} and ${scalarTypeName(y)}`;

/** Matrix product of two 2-D tensors (torch.mm). */
export const mm: ProductOp = defineOp<Product>('mm', (a, b) => {
  a._check();
  b._check();
  if (a.ndim !== 2) throw new ShapeError(`self must be a matrix (got a ${a.ndim}-D tensor of shape ${shapeString(a.shape)})`);
  if (b.ndim !== 2) throw new ShapeError(`mat2 must be a matrix (got a ${b.ndim}-D tensor of shape ${shapeString(b.shape)})`);
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) throw new ShapeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  const out = productResult('mm', [a, b], [m, n]);
  gemm(1, m, n, k, matrixOf(a), matrixOf(b), out);
  recordBilinear('MmBackward0', a, b, out, MM_BACKWARD);
  return out;
});

/** Batched matrix product of two 3-D tensors with the same batch size (torch.bmm). */
export const bmm: ProductOp = defineOp<Product>('bmm', (a, b) => {
  a._check();
  b._check();
  if (a.ndim !== 3) throw new ShapeError('batch1 must be a 3D tensor');
  if (b.ndim !== 3) throw new ShapeError('batch2 must be a 3D tensor');
  const [batch, m, k] = a.shape;
  const n = b.shape[2];
  if (b.shape[0] !== batch || b.shape[1] !== k) {
    throw new ShapeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${k}] but got: [${b.shape[0]}, ${b.shape[1]}].`,
    );
  }
  const out = productResult('bmm', [a, b], [batch, m, n], bmmMismatch);
  gemm(batch, m, n, k, batchOf(a), batchOf(b), out);
  recordBilinear('BmmBackward0', a, b, out, BMM_BACKWARD);
  return out;
});

/** Matrix-vector product (torch.mv): [m, k] @ [k] -> [m]. */
export const mv: ProductOp = defineOp<Product>('mv', (a, v) => {
  a._check();
  v._check();
  if (a.ndim !== 2 || v.ndim !== 1) throw new ShapeError(`vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim}`);
  const [m, k] = a.shape;
  if (v.shape[0] !== k) throw new ShapeError(`size mismatch, got input (${m}), mat (${m}x${k}), vec (${v.shape[0]})`);
  const out = productResult('mv', [a, v], [m]);
  gemm(1, m, 1, k, matrixOf(a), vectorAs(v, 'column'), out);
  recordBilinear('MvBackward0', a, v, out, MV_BACKWARD);
  return out;
});

/** Inner product of two 1-D tensors of the same length (torch.dot): a 0-d result. */
export const dot: ProductOp = defineOp<Product>('dot', (a, b) => {
  a._check();
  b._check();
  if (a.ndim !== 1 || b.ndim !== 1) throw new ShapeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  const k = a.shape[0];
  if (b.shape[0] !== k) {
    throw new ShapeError(
      `inconsistent tensor size, expected tensor [${k}] and src [${b.shape[0]}] to have the same number of elements, but got ${k} and ${b.shape[0]} elements respectively`,
    );
  }
  const out = productResult('dot', [a, b], [], dotMismatch);
  gemm(1, 1, 1, k, vectorAs(a, 'row'), vectorAs(b, 'column'), out);
  recordBilinear('DotBackward0', a, b, out, DOT_BACKWARD);
  return out;
});

/**
 * Outer product of two 1-D tensors (torch.outer, torch.ger): [m] x [n] -> [m, n]. PyTorch computes it as
 * a.reshape(-1, 1) * b, and so does this: type promotion, integer dtypes, one product per element (a zero product
 * keeps its sign) and the MulBackward0 node.
 */
export const outer: ProductOp = defineOp<Product>('outer', (a, b) => {
  a._check();
  b._check();
  if (a.ndim !== 1) throw new ShapeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw new ShapeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  return withView(a.unsqueeze(1), (column) => mul(column, b));
});

/** torch.ger, the former name of outer. */
export const ger: ProductOp = defineOp<Product>('ger', (a, b) => outer(a, b));

export interface AddmmOptions {
  beta?: number;
  alpha?: number;
}

/** The recorded args of AddmmBackward0. */
interface AddmmArgs {
  inputShape: number[];
  beta: number;
  alpha: number;
  needInput: boolean;
  need1: boolean;
  need2: boolean;
}

function scaled(t: Tensor, s: number): Tensor {
  return s === 1 ? t : mul(t, s);
}

const ADDMM_BACKWARD: BackwardFn<AddmmArgs> = ([g], saved, x) => [
  x.needInput ? sumToSize(scaled(g, x.beta), x.inputShape) : null,
  x.need1 ? scaled(withView(saved[0].t(), (t2) => mm(g, t2)), x.alpha) : null,
  x.need2 ? scaled(withView(saved[saved.length - 1].t(), (t1) => mm(t1, g)), x.alpha) : null,
];

/** beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape (torch.addmm). */
export const addmm: Op<Addmm, Addmm, null> = defineOp<Addmm>('addmm', (input, mat1, mat2, options = {}) => {
  checkOptionKeys('addmm', options, ['beta', 'alpha']);
  const beta = options.beta ?? 1;
  const alpha = options.alpha ?? 1;
  input._check();
  mat1._check();
  mat2._check();
  if (mat1.ndim !== 2) throw new ShapeError(`mat1 must be a matrix, got ${mat1.ndim}-D tensor`);
  if (mat2.ndim !== 2) throw new ShapeError(`mat2 must be a matrix, got ${mat2.ndim}-D tensor`);
  const [m, k] = mat1.shape;
  const [k2, n] = mat2.shape;
  if (k !== k2) throw new ShapeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  // beta = 0 ignores input entirely (NaN and inf included), as BLAS and PyTorch do; its shape is still checked,
  // before the output is allocated.
  const broadcast = noGrad(() => expand(input, [m, n]));
  let out: Tensor;
  try {
    out = productResult('addmm', [input, mat1, mat2], [m, n], addmmMismatch);
  } catch (error) {
    broadcast.dispose();
    throw error;
  }
  if (beta !== 0) copyInto(broadcast, out);
  broadcast.dispose();
  // alpha = 0 ignores the product the same way (BLAS: A and B are not read), so inf in mat1 gives no NaN: a GEMM
  // over no terms leaves beta * input.
  gemm(1, m, n, alpha === 0 ? 0 : k, matrixOf(mat1), matrixOf(mat2), out, alpha, beta);
  if (needsGrad(input, mat1, mat2)) {
    const need1 = needsGrad(mat1);
    const need2 = needsGrad(mat2);
    const args: AddmmArgs = { inputShape: input.shape, beta, alpha, needInput: needsGrad(input), need1, need2 };
    record('AddmmBackward0', [input, mat1, mat2], [out], ADDMM_BACKWARD, need1 && need2 ? [mat2, mat1] : need1 ? [mat2] : need2 ? [mat1] : [], args);
  }
  return out;
});
