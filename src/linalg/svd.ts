// torch.linalg.svd / svdvals: one-sided Jacobi in float64 (assembly/linalg.ts), batched over leading dims,
// results cast back to the input dtype; the backward is PyTorch's svd_backward written with differentiable ops.
import { completeOrthonormal, jacobiSvd, writeFloat64 } from '../backend/linalg';
import type { BackwardFn } from '../autograd/node';
import { needsGrad, record } from '../autograd/record';
import { isGradEnabled, noGrad } from '../autograd/grad-mode';
import { tidy } from '../lifetime';
import { DTypeError, ShapeError } from '../errors';
import { checkOptionKeys } from '../options';
import { Tensor } from '../tensor';
import { eye } from '../creation/factories';

export interface SVDResult {
  U: Tensor;
  S: Tensor;
  Vh: Tensor;
}

const MAX_SWEEPS = 60;

/** Singular values below this fraction of the largest count as zero when completing singular vectors. */
const RANK_EPS = 1e-13;

function checkMatrix(A: Tensor, name: string): void {
  A._check();
  if (A.ndim < 2) throw new ShapeError(`linalg.${name}: The input tensor A must have at least 2 dimensions.`);
  if (A.dtype !== 'float32' && A.dtype !== 'float64') {
    throw new DTypeError(`linalg.${name}: Expected a floating point tensor as input. Got ${A.dtype}`);
  }
}

/**
 * Decomposes one m x n matrix given as contiguous float64 values. Returns row-major U (m x uCols), S (k) and
 * Vh (vRows x n), where k = min(m, n), uCols = full ? m : k, vRows = full ? n : k.
 */
function svdOne(a: Float64Array, m: number, n: number, full: boolean): { U: Float64Array; S: Float64Array; Vh: Float64Array } {
  const tall = m >= n;
  // Jacobi orthogonalises the columns of the tall orientation: rows of w are those columns.
  const k = Math.min(m, n);
  const len = Math.max(m, n);
  const rows = new Float64Array(k * len);
  for (let i = 0; i < k; i++) for (let j = 0; j < len; j++) rows[i * len + j] = tall ? a[j * n + i] : a[i * n + j];
  const { w: wOut, v: vOut } = jacobiSvd(rows, k, len, MAX_SWEEPS);
  const sigma = Array.from({ length: k }, (_, i) => {
    let s = 0;
    for (let j = 0; j < len; j++) s += wOut[i * len + j] ** 2;
    return Math.sqrt(s);
  });
  const order = sigma.map((_, i) => i).sort((x, y) => sigma[y] - sigma[x] || x - y);
  const S = Float64Array.from(order, (i) => sigma[i]);
  const rank = S.filter((s) => s > RANK_EPS * Math.max(S[0] ?? 0, Number.MIN_VALUE)).length;
  // "short" side: rows of v (length k), already orthonormal.
  const shortVecs = order.map((i) => vOut.slice(i * k, (i + 1) * k));
  // "long" side: normalised rows of w (length len) completed to `longCount` orthonormal vectors.
  const longCount = full ? len : k;
  const longVecs = completeBasis(order.slice(0, rank).map((i) => {
    const row = wOut.slice(i * len, (i + 1) * len);
    for (let j = 0; j < len; j++) row[j] /= sigma[i];
    return row;
  }), longCount, len);
  // Tall: U columns = long vectors, Vh rows = short vectors. Wide: U columns = short vectors, Vh rows = long vectors.
  const colsToRowMajor = (vecs: Float64Array[], rows: number) => {
    const out = new Float64Array(rows * vecs.length);
    vecs.forEach((vec, c) => vec.forEach((x, r) => (out[r * vecs.length + c] = x)));
    return out;
  };
  const rowsToRowMajor = (vecs: Float64Array[], cols: number) => {
    const out = new Float64Array(vecs.length * cols);
    vecs.forEach((vec, r) => out.set(vec, r * cols));
    return out;
  };
  return tall
    ? { U: colsToRowMajor(longVecs, m), S, Vh: rowsToRowMajor(shortVecs, n) }
    : { U: colsToRowMajor(shortVecs, m), S, Vh: rowsToRowMajor(longVecs, n) };
}

/** Extends orthonormal vectors of length dim to `count` orthonormal vectors (assembly/linalg.ts). */
function completeBasis(vectors: Float64Array[], count: number, dim: number): Float64Array[] {
  if (vectors.length >= count) return vectors.slice(0, count);
  const rows = new Float64Array(vectors.length * dim);
  vectors.forEach((vec, r) => rows.set(vec, r * dim));
  const out = completeOrthonormal(rows, vectors.length, count, dim);
  return Array.from({ length: count }, (_, r) => out.slice(r * dim, (r + 1) * dim));
}

function decompose(A: Tensor, full: boolean): SVDResult {
  const m = A.shape[A.ndim - 2];
  const n = A.shape[A.ndim - 1];
  const batchShape = A.shape.slice(0, -2);
  const batch = batchShape.reduce((x, y) => x * y, 1);
  const k = Math.min(m, n);
  const uCols = full ? m : k;
  const vRows = full ? n : k;
  // tidy releases every intermediate (the detached view, the float64 copy) whichever of them are new tensors.
  const values = noGrad(() => tidy(() => A.detach().to('float64').contiguous().toTypedArray() as Float64Array));
  const U = new Float64Array(batch * m * uCols);
  const S = new Float64Array(batch * k);
  const Vh = new Float64Array(batch * vRows * n);
  for (let b = 0; b < batch; b++) {
    const r = svdOne(values.subarray(b * m * n, (b + 1) * m * n), m, n, full);
    U.set(r.U, b * m * uCols);
    S.set(r.S, b * k);
    Vh.set(r.Vh, b * vRows * n);
  }
  const make = (data: Float64Array, shape: number[]) => {
    const t = Tensor._empty(shape, A.dtype);
    writeFloat64(t, data);
    return t;
  };
  return {
    U: make(U, [...batchShape, m, uCols]),
    S: make(S, [...batchShape, k]),
    Vh: make(Vh, [...batchShape, vRows, n]),
  };
}

/** [..., k] -> [..., k, k] with v on the diagonal (differentiable). */
function diagEmbed(v: Tensor, k: number): Tensor {
  return v.unsqueeze(-1).mul(eye(k, { dtype: v.dtype }));
}

/**
 * The gradient of A = U diag(S) Vh (reduced: U m x k, Vh k x n) given gU, gS, gVh (PyTorch's svd_backward, real case):
 *   gA = U [ inner ] Vh + (I - U U^T) gU S^-1 Vh + U S^-1 gV^T (I - V V^T)
 * where inner is (skew(U^T gU) / E) S + S (skew(V^T gV) / E) + diag(gS), skew(X) = X - X^T and
 * E_ij = S_j^2 - S_i^2 (i != j). Written with differentiable ops, so it can itself be differentiated.
 */
function svdBackward(gU: Tensor | null, gS: Tensor, gVh: Tensor | null, U: Tensor, S: Tensor, Vh: Tensor): Tensor {
  const m = U.shape[U.ndim - 2];
  const n = Vh.shape[Vh.ndim - 1];
  const k = S.shape[S.ndim - 1];
  let inner = diagEmbed(gS, k);
  if (gU === null && gVh === null) return U.matmul(inner).matmul(Vh);
  const V = Vh.mT;
  const S2 = S.pow(2);
  // E_ij = S_j^2 - S_i^2 off the diagonal; the diagonal is set to 1 (its numerator is 0 there).
  const E = S2.unsqueeze(-2).sub(S2.unsqueeze(-1)).add(eye(k, { dtype: S.dtype }));
  const skew = (X: Tensor) => X.sub(X.mT);
  if (gU !== null) {
    inner = inner.add(skew(U.mT.matmul(gU)).div(E).mul(S.unsqueeze(-2)));
  }
  if (gVh !== null) {
    const gV = gVh.mT;
    inner = inner.add(S.unsqueeze(-1).mul(skew(V.mT.matmul(gV)).div(E)));
  }
  let gA = U.matmul(inner).matmul(Vh);
  const Sinv = S.reciprocal();
  if (gU !== null && m > k) {
    const proj = gU.sub(U.matmul(U.mT.matmul(gU)));
    gA = gA.add(proj.mul(Sinv.unsqueeze(-2)).matmul(Vh));
  }
  if (gVh !== null && n > k) {
    const gV = gVh.mT;
    const proj = gV.sub(V.matmul(V.mT.matmul(gV)));
    gA = gA.add(U.mul(Sinv.unsqueeze(-2)).matmul(proj.mT));
  }
  return gA;
}

/**
 * The gradient of an output, or null when it is constant zeros: an output the loss does not use gets zeros, and its
 * terms are skipped as PyTorch skips an undefined gradient, so that repeated singular values (E_ij = 0) give no 0 / 0.
 * Zeros that require grad (a recorded backward's input) are kept: the result depends on them.
 */
function given(g: Tensor): Tensor | null {
  return g.requiresGrad || noGrad(() => tidy(() => g.ne(0).any().item())) ? g : null;
}

/** svd's node; args: k when full matrices of a non-square A were computed (their first k vectors count), else null. */
const SVD_BACKWARD: BackwardFn<number | null> = ([gU, gS, gVh], [U, S, Vh], k) =>
  k === null
    ? [svdBackward(given(gU), gS, given(gVh), U, S, Vh)]
    : [svdBackward(given(gU.narrow(-1, 0, k)), gS, given(gVh.narrow(-2, 0, k)), U.narrow(-1, 0, k), S, Vh.narrow(-2, 0, k))];

/**
 * svdvals' node: U diag(gS) Vh (args: k, the number of singular values). When the backward is itself recorded
 * (createGraph), U and Vh come from a differentiable svd of the saved A, so that second derivatives see how they
 * depend on A (the saved factors are constants of the graph).
 */
const SVDVALS_BACKWARD: BackwardFn<number> = ([gS], [u, vh, A], k) => {
  const { U, Vh } = isGradEnabled() ? svd(A, false) : { U: u, Vh: vh };
  return [U.matmul(diagEmbed(gS, k)).matmul(Vh)];
};

/** torch.linalg.svd(A, full_matrices=True): { U, S, Vh } with A = U diag(S) Vh, singular values descending. */
export function svd(A: Tensor, options: { fullMatrices?: boolean } | boolean = {}): SVDResult {
  checkMatrix(A, 'svd');
  if (typeof options !== 'boolean') checkOptionKeys('linalg.svd', options, ['fullMatrices']);
  const full = typeof options === 'boolean' ? options : (options.fullMatrices ?? true);
  const result = decompose(A, full);
  if (needsGrad(A)) {
    const m = A.shape[A.ndim - 2];
    const n = A.shape[A.ndim - 1];
    // PyTorch: gradients of the completed singular vectors are not defined; only the first k = min(m, n) are used.
    const reducedTo = full && m !== n ? Math.min(m, n) : null;
    record('LinalgSvdBackward0', [A], [result.U, result.S, result.Vh], SVD_BACKWARD, [result.U, result.S, result.Vh], reducedTo);
  }
  return result;
}

/** torch.linalg.svdvals: the singular values, descending; the gradient is U diag(gS) Vh. */
export function svdvals(A: Tensor): Tensor {
  checkMatrix(A, 'svdvals');
  const { U, S, Vh } = decompose(A, false);
  if (needsGrad(A)) {
    record('LinalgSvdBackward0', [A], [S], SVDVALS_BACKWARD, [U, Vh, A], S.shape[S.ndim - 1]);
  }
  U.dispose();
  Vh.dispose();
  return S;
}
