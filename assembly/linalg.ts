// Linear-algebra kernels in float64: one-sided Jacobi SVD and orthonormal completion.
// Matrices are stored by rows; the SVD works on the rows of its input (the columns of the matrix being
// decomposed), so every rotation touches two contiguous vectors and vectorises with f64x2.

/** Dot product of two contiguous f64 vectors of length n. */
@inline
function dot(a: usize, b: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + o), v128.load(b + o)));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) s += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return s;
}

/** [a; b] <- [c*a - s*b; s*a + c*b] over n contiguous f64 values. */
@inline
function rotate(a: usize, b: usize, n: i32, c: f64, s: f64): void {
  const cv = f64x2.splat(c);
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    const x = v128.load(a + o);
    const y = v128.load(b + o);
    v128.store(a + o, f64x2.sub(f64x2.mul(cv, x), f64x2.mul(sv, y)));
    v128.store(b + o, f64x2.add(f64x2.mul(sv, x), f64x2.mul(cv, y)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(a + o);
    const y = load<f64>(b + o);
    store<f64>(a + o, c * x - s * y);
    store<f64>(b + o, s * x + c * y);
  }
}

/**
 * One-sided Jacobi SVD (Hestenes 1958; the convergence test and rotation of Demmel & Veselic, "Jacobi's method is
 * more accurate than QR", SIAM J. Matrix Anal. Appl. 13 (1992)).
 * `w` holds k vectors of length len (row i = column i of the matrix being decomposed); `v` (k x k) receives the
 * accumulated rotations, starting from the identity. On return the rows of w are mutually orthogonal: row i is
 * sigma_i * u_i, and A = W^T V, i.e. the matrix whose columns are w's rows equals U diag(sigma) V^T with V's
 * columns = v's rows. Returns the number of sweeps used.
 */
export function jacobiSvdF64(w: usize, k: i32, len: i32, v: usize, maxSweeps: i32): i32 {
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) store<f64>(v + ((<usize>(i * k + j)) << 3), i == j ? 1.0 : 0.0);
  }
  const rowBytes = <usize>len << 3;
  const vRowBytes = <usize>k << 3;
  const tol: f64 = 1e-15;
  let sweep = 0;
  for (; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      const wp = w + <usize>p * rowBytes;
      for (let q = p + 1; q < k; q++) {
        const wq = w + <usize>q * rowBytes;
        const alpha = dot(wp, wp, len);
        const beta = dot(wq, wq, len);
        const gamma = dot(wp, wq, len);
        if (gamma == 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // Rotation angle that zeroes the off-diagonal entry of the 2x2 Gram matrix [[alpha, gamma], [gamma, beta]].
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(wp, wq, len, c, s);
        rotate(v + <usize>p * vRowBytes, v + <usize>q * vRowBytes, k, c, s);
      }
    }
    if (!rotated) break;
  }
  return sweep;
}

/**
 * Completes `have` orthonormal rows of q (each of length dim, rows contiguous) to `rows` orthonormal rows by
 * Gram-Schmidt with reorthogonalisation applied to the standard basis vectors, skipping those that are (nearly)
 * in the span already. Also used to replace rows whose singular value is zero.
 */
export function orthonormalCompleteF64(q: usize, have: i32, rows: i32, dim: i32): void {
  const rowBytes = <usize>dim << 3;
  let candidate = 0;
  for (let r = have; r < rows; r++) {
    const target = q + <usize>r * rowBytes;
    for (; candidate < dim; candidate++) {
      for (let i = 0; i < dim; i++) store<f64>(target + (<usize>i << 3), i == candidate ? 1.0 : 0.0);
      for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < r; j++) {
          const other = q + <usize>j * rowBytes;
          const proj = dot(target, other, dim);
          rotateOut(target, other, dim, proj);
        }
      }
      const norm = Math.sqrt(dot(target, target, dim));
      // Two Gram-Schmidt passes keep the result orthogonal to working precision even for a small residual.
      if (norm > 1e-4) {
        for (let i = 0; i < dim; i++) store<f64>(target + (<usize>i << 3), load<f64>(target + (<usize>i << 3)) / norm);
        candidate++;
        break;
      }
    }
  }
}

/** target -= proj * other. */
@inline
function rotateOut(target: usize, other: usize, n: i32, proj: f64): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(target + o, load<f64>(target + o) - proj * load<f64>(other + o));
  }
}
