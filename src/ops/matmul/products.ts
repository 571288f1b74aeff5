// The fixed-rank matrix products: mm, bmm, mv, dot, outer (ger), addmm. Each runs one batched GEMM call on its
// operands' strides (transposed operands are read in place, never copied), and records PyTorch's backward:
// gradients are products of the output gradient with transposed views, so they are differentiable again.
import { needsGrad, record } from '../../autograd/record';
import { noGrad } from '../../autograd/grad-mode';
import { ShapeError } from '../../errors';
import { copyInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { mul } from '../elementwise';
import { sumToSize } from '../reduce';
import { expand } from '../views';
import { batchOf, gemm, matrixOf, productDType, scalarTypeName, vectorAs } from './gemm';

/**
 * Records a bilinear product out = f(a, b): the gradient for a is read from b and the gradient for b from a, and only
 * what the needed gradients read is saved (as PyTorch saves). The gradient formulas are written with
 * differentiable ops, so they can be differentiated again.
 */
function recordBilinear(
  name: string, a: Tensor, b: Tensor, out: Tensor,
  gradA: (g: Tensor, b: Tensor) => Tensor, gradB: (g: Tensor, a: Tensor) => Tensor,
): void {
  if (!needsGrad(a, b)) return;
  const needA = needsGrad(a);
  const needB = needsGrad(b);
  const save = [...(needA ? [b] : []), ...(needB ? [a] : [])];
  record(name, [a, b], [out], ([g], saved) => [
    needA ? gradA(g, saved[0]) : null,
    needB ? gradB(g, saved[saved.length - 1]) : null,
  ], save);
}

/** Applies f to a temporary view and disposes the view (the result keeps what it needs). */
function withView<T>(view: Tensor, f: (v: Tensor) => T): T {
  try {
    return f(view);
  } finally {
    view.dispose();
  }
}

/** Matrix product of two 2-D tensors (torch.mm). */
export function mm(a: Tensor, b: Tensor): Tensor {
  a._check();
  b._check();
  if (a.ndim !== 2) throw new ShapeError('self must be a matrix');
  if (b.ndim !== 2) throw new ShapeError('mat2 must be a matrix');
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) throw new ShapeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  const dtype = productDType('mm', [a, b]);
  const out = Tensor._empty([m, n], dtype);
  gemm(dtype, 1, m, n, k, matrixOf(a), matrixOf(b), out._ptr);
  recordBilinear('MmBackward0', a, b, out, (g, sb) => withView(sb.t(), (bt) => mm(g, bt)), (g, sa) => withView(sa.t(), (at) => mm(at, g)));
  return out;
}

/** Batched matrix product of two 3-D tensors with the same batch size (torch.bmm). */
export function bmm(a: Tensor, b: Tensor): Tensor {
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
  const dtype = productDType('bmm', [a, b], (x, y) => `expected scalar type ${scalarTypeName(x)} but found ${scalarTypeName(y)}`);
  const out = Tensor._empty([batch, m, n], dtype);
  gemm(dtype, batch, m, n, k, batchOf(a), batchOf(b), out._ptr);
  recordBilinear(
    'BmmBackward0', a, b, out,
    (g, sb) => withView(sb.transpose(1, 2), (bt) => bmm(g, bt)),
    (g, sa) => withView(sa.transpose(1, 2), (at) => bmm(at, g)),
  );
  return out;
}

/** Matrix-vector product (torch.mv): [m, k] @ [k] -> [m]. */
export function mv(a: Tensor, v: Tensor): Tensor {
  a._check();
  v._check();
  if (a.ndim !== 2 || v.ndim !== 1) throw new ShapeError(`vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim}`);
  const [m, k] = a.shape;
  if (v.shape[0] !== k) throw new ShapeError(`size mismatch, got input (${m}), mat (${m}x${k}), vec (${v.shape[0]})`);
  const dtype = productDType('mv', [a, v]);
  const out = Tensor._empty([m], dtype);
  gemm(dtype, 1, m, 1, k, matrixOf(a), vectorAs(v, 'column'), out._ptr);
  recordBilinear('MvBackward0', a, v, out, (g, sv) => outer(g, sv), (g, sa) => withView(sa.t(), (at) => mv(at, g)));
  return out;
}

/** Inner product of two 1-D tensors of the same length (torch.dot): a 0-d result. */
export function dot(a: Tensor, b: Tensor): Tensor {
  a._check();
  b._check();
  if (a.ndim !== 1 || b.ndim !== 1) throw new ShapeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  const k = a.shape[0];
  if (b.shape[0] !== k) {
    throw new ShapeError(
      `inconsistent tensor size, expected tensor [${k}] and src [${b.shape[0]}] to have the same number of elements, but got ${k} and ${b.shape[0]} elements respectively`,
    );
  }
  const dtype = productDType('dot', [a, b], (x, y) => `dot : expected both vectors to have same dtype, but found ${scalarTypeName(x)} and ${scalarTypeName(y)}`);
  const out = Tensor._empty([], dtype);
  gemm(dtype, 1, 1, 1, k, vectorAs(a, 'row'), vectorAs(b, 'column'), out._ptr);
  recordBilinear('DotBackward0', a, b, out, (g, sb) => mul(g, sb), (g, sa) => mul(g, sa));
  return out;
}

/**
 * Outer product of two 1-D tensors (torch.outer, torch.ger): [m] x [n] -> [m, n]. PyTorch computes it as
 * a.reshape(-1, 1) * b, hence the MulBackward0 node; its gradients are the matrix-vector products below.
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  a._check();
  b._check();
  if (a.ndim !== 1) throw new ShapeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw new ShapeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  const dtype = productDType('outer', [a, b]);
  const out = Tensor._empty([a.shape[0], b.shape[0]], dtype);
  gemm(dtype, 1, a.shape[0], b.shape[0], 1, vectorAs(a, 'column'), vectorAs(b, 'row'), out._ptr);
  recordBilinear('MulBackward0', a, b, out, (g, sb) => mv(g, sb), (g, sa) => withView(g.t(), (gt) => mv(gt, sa)));
  return out;
}

/** torch.ger, the former name of outer. */
export const ger = outer;

export interface AddmmOptions {
  beta?: number;
  alpha?: number;
}

/** beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape (torch.addmm). */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options: AddmmOptions = {}): Tensor {
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
  const dtype = productDType('addmm', [input, mat1, mat2], (x, y) => `self and mat2 must have the same dtype, but got ${scalarTypeName(x)} and ${scalarTypeName(y)}`);
  const out = Tensor._empty([m, n], dtype);
  // beta = 0 ignores input entirely (NaN and inf included), as BLAS and PyTorch do; its shape is still checked.
  const broadcast = noGrad(() => expand(input, [m, n]));
  if (beta !== 0) copyInto(broadcast, out);
  broadcast.dispose();
  gemm(dtype, 1, m, n, k, matrixOf(mat1), matrixOf(mat2), out._ptr, alpha, beta);
  if (needsGrad(input, mat1, mat2)) {
    const inputShape = input.shape;
    const needInput = needsGrad(input);
    const need1 = needsGrad(mat1);
    const need2 = needsGrad(mat2);
    const save = [...(need1 ? [mat2] : []), ...(need2 ? [mat1] : [])];
    const scaled = (t: Tensor, s: number): Tensor => (s === 1 ? t : mul(t, s));
    record('AddmmBackward0', [input, mat1, mat2], [out], ([g], saved) => [
      needInput ? sumToSize(scaled(g, beta), inputShape) : null,
      need1 ? scaled(withView(saved[0].t(), (t2) => mm(g, t2)), alpha) : null,
      need2 ? scaled(withView(saved[saved.length - 1].t(), (t1) => mm(t1, g)), alpha) : null,
    ], save);
  }
  return out;
}
