// Matrix-vector products, the GEMM cases with one output row or column (mv, vector @ matrix, dot):
// y = alpha * M x + beta * y for an rows x k matrix M. Strides are in bytes. Packing would not pay here: every
// element of M is used once, so the work is a single pass over M in whichever direction is contiguous.
import { lanes, vmadd, vsum } from './simd';

export function gemv<T>(
  rows: i32, k: i32, alpha: T,
  mat: usize, rowStride: usize, kStride: usize,
  x: usize, xStride: usize,
  beta: T, y: usize, yStride: usize,
): void {
  const size = <usize>sizeof<T>();
  if (kStride == size && xStride == size) gemvDots<T>(rows, k, alpha, mat, rowStride, x, beta, y, yStride);
  else if (rowStride == size && yStride == size) gemvColumns<T>(rows, k, alpha, mat, kStride, x, xStride, beta, y);
  else gemvScalar<T>(rows, k, alpha, mat, rowStride, kStride, x, xStride, beta, y, yStride);
}

/** Writes alpha * s + beta * y (y not read when beta is 0, so that garbage or NaN in y never leaks). */
@inline
function finish<T>(y: usize, s: T, alpha: T, beta: T): void {
  store<T>(y, beta == 0 ? alpha * s : alpha * s + beta * load<T>(y));
}

/** Rows contiguous along k, x contiguous: one SIMD dot product per row, four rows at a time. */
function gemvDots<T>(rows: i32, k: i32, alpha: T, mat: usize, rowStride: usize, x: usize, beta: T, y: usize, yStride: usize): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const kv = k - k % L;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const r0 = mat;
    const r1 = mat + rowStride;
    const r2 = mat + 2 * rowStride;
    const r3 = mat + 3 * rowStride;
    let s0 = v128.splat<T>(0), s1 = v128.splat<T>(0), s2 = v128.splat<T>(0), s3 = v128.splat<T>(0);
    for (let p = 0; p < kv; p += L) {
      const off = <usize>p * size;
      const xv = v128.load(x + off);
      s0 = vmadd<T>(v128.load(r0 + off), xv, s0);
      s1 = vmadd<T>(v128.load(r1 + off), xv, s1);
      s2 = vmadd<T>(v128.load(r2 + off), xv, s2);
      s3 = vmadd<T>(v128.load(r3 + off), xv, s3);
    }
    let d0 = vsum<T>(s0), d1 = vsum<T>(s1), d2 = vsum<T>(s2), d3 = vsum<T>(s3);
    for (let p = kv; p < k; p++) {
      const off = <usize>p * size;
      const xs = load<T>(x + off);
      d0 += load<T>(r0 + off) * xs;
      d1 += load<T>(r1 + off) * xs;
      d2 += load<T>(r2 + off) * xs;
      d3 += load<T>(r3 + off) * xs;
    }
    finish<T>(y, d0, alpha, beta);
    finish<T>(y + yStride, d1, alpha, beta);
    finish<T>(y + 2 * yStride, d2, alpha, beta);
    finish<T>(y + 3 * yStride, d3, alpha, beta);
    mat += 4 * rowStride;
    y += 4 * yStride;
  }
  for (; i < rows; i++) {
    finish<T>(y, dotContiguous<T>(k, mat, x), alpha, beta);
    mat += rowStride;
    y += yStride;
  }
}

/** Dot product of two contiguous vectors with four independent accumulators (hides the add latency). */
@inline
function dotContiguous<T>(k: i32, a: usize, b: usize): T {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  let s0 = v128.splat<T>(0), s1 = v128.splat<T>(0), s2 = v128.splat<T>(0), s3 = v128.splat<T>(0);
  let p = 0;
  for (; p + 4 * L <= k; p += 4 * L) {
    const off = <usize>p * size;
    s0 = vmadd<T>(v128.load(a + off), v128.load(b + off), s0);
    s1 = vmadd<T>(v128.load(a + off, 16), v128.load(b + off, 16), s1);
    s2 = vmadd<T>(v128.load(a + off, 32), v128.load(b + off, 32), s2);
    s3 = vmadd<T>(v128.load(a + off, 48), v128.load(b + off, 48), s3);
  }
  for (; p + L <= k; p += L) {
    const off = <usize>p * size;
    s0 = vmadd<T>(v128.load(a + off), v128.load(b + off), s0);
  }
  let s = vsum<T>(v128.add<T>(v128.add<T>(s0, s1), v128.add<T>(s2, s3)));
  for (; p < k; p++) s += load<T>(a + <usize>p * size) * load<T>(b + <usize>p * size);
  return s;
}

/** Columns contiguous (a column-major or transposed matrix), y contiguous: y += M[:, p] * x[p], four k at a time. */
function gemvColumns<T>(rows: i32, k: i32, alpha: T, mat: usize, kStride: usize, x: usize, xStride: usize, beta: T, y: usize): void {
  const size = <usize>sizeof<T>();
  const L = lanes<T>();
  const rv = rows - rows % L;
  // y = beta * y first; then y += alpha * (M x) column group by column group.
  for (let i = 0; i < rows; i++) {
    const at = y + <usize>i * size;
    store<T>(at, beta == 0 ? <T>0 : beta * load<T>(at));
  }
  const alphaV = v128.splat<T>(alpha);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const c0 = mat + <usize>p * kStride;
    const c1 = c0 + kStride;
    const c2 = c1 + kStride;
    const c3 = c2 + kStride;
    const xp = x + <usize>p * xStride;
    const x0 = load<T>(xp), x1 = load<T>(xp + xStride), x2 = load<T>(xp + 2 * xStride), x3 = load<T>(xp + 3 * xStride);
    const x0v = v128.splat<T>(x0), x1v = v128.splat<T>(x1), x2v = v128.splat<T>(x2), x3v = v128.splat<T>(x3);
    for (let i = 0; i < rv; i += L) {
      const off = <usize>i * size;
      let t = v128.mul<T>(v128.load(c0 + off), x0v);
      t = vmadd<T>(v128.load(c1 + off), x1v, t);
      t = vmadd<T>(v128.load(c2 + off), x2v, t);
      t = vmadd<T>(v128.load(c3 + off), x3v, t);
      v128.store(y + off, vmadd<T>(t, alphaV, v128.load(y + off)));
    }
    for (let i = rv; i < rows; i++) {
      const off = <usize>i * size;
      const t = load<T>(c0 + off) * x0 + load<T>(c1 + off) * x1 + load<T>(c2 + off) * x2 + load<T>(c3 + off) * x3;
      store<T>(y + off, load<T>(y + off) + alpha * t);
    }
  }
  for (; p < k; p++) {
    const col = mat + <usize>p * kStride;
    const xs = load<T>(x + <usize>p * xStride);
    const xv = v128.splat<T>(xs);
    for (let i = 0; i < rv; i += L) {
      const off = <usize>i * size;
      v128.store(y + off, vmadd<T>(v128.mul<T>(v128.load(col + off), xv), alphaV, v128.load(y + off)));
    }
    for (let i = rv; i < rows; i++) {
      const off = <usize>i * size;
      store<T>(y + off, load<T>(y + off) + alpha * (load<T>(col + off) * xs));
    }
  }
}

/** Any strides: one scalar dot product per row. */
function gemvScalar<T>(
  rows: i32, k: i32, alpha: T, mat: usize, rowStride: usize, kStride: usize,
  x: usize, xStride: usize, beta: T, y: usize, yStride: usize,
): void {
  for (let i = 0; i < rows; i++) {
    let s: T = 0;
    let m = mat;
    let xp = x;
    for (let p = 0; p < k; p++) {
      s += load<T>(m) * load<T>(xp);
      m += kStride;
      xp += xStride;
    }
    finish<T>(y, s, alpha, beta);
    mat += rowStride;
    y += yStride;
  }
}
