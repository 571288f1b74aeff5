// Blocked GEMM (Goto & van de Geijn, "Anatomy of High-Performance Matrix Multiplication", TOMS 2008; the BLIS
// loop order): C = alpha * A B + beta * C for an m x k A and a k x n B read through any element strides, and a
// row-major C with leading dimension ldc.
//
//   for jc in n by NC:              B block of KC x NC, packed into NR-column panels (stays in L2/L3)
//     for pc in k by KC:
//       pack B[pc:pc+KC, jc:jc+NC]
//       for ic in m by MC:          A block of MC x KC, packed into MR-row panels (stays in L2)
//         pack A[ic:ic+MC, pc:pc+KC]
//         for jr in NC by NR:       one B panel (KC x NR) stays in L1 ...
//           for ir in MC by MR:     ... while the A panels stream past it (packedColumn)
//             microkernel: C[MR x NR] tile
//
// Edge tiles are computed in full from zero-padded panels into a small scratch tile, then the valid part is
// copied out. Narrow products (n <= 2 NR) skip packing A: each A panel would serve at most two B panels, so the
// kernels read A in place instead (directColumn). One output row or column goes to the matrix-vector kernels
// (no packing at all). The workspace (packed panels and the edge tile) is host memory: see gemmWorkspaceBytes.
import { microkernel4xHalf, microkernel4xNR } from './gemm-microkernels';
import { packPanel } from './gemm-pack';
import { gemv } from './gemm-gemv';

const MR = 4;
/** NR is two vectors: 8 f32 or 4 f64 columns. */
@inline function nrOf(elemBytes: i32): i32 { return 32 / elemBytes; }
/** KC x NR panel of B = 8 KiB for both types (L1 holds it with room for the A panels streaming through). */
const KC = 256;
/** MC x KC block of A = 128 KiB f32 / 256 KiB f64: stays in L2 while the B panels stream past it. */
const MC = 128;
/** KC x NC block of B: 2 MiB f32 / 4 MiB f64 (L2/L3). */
const NC = 2048;

/** A product with at most this many B panels reads A in place instead of packing it. */
const PACK_A_MIN_PANELS = 2;

@inline function roundUp(x: i32, to: i32): i32 { return (x + to - 1) / to * to; }

/** Bytes of workspace gemm needs for these sizes (0 when it takes the matrix-vector path). */
export function gemmWorkspaceBytes(m: i32, n: i32, k: i32, elemBytes: i32): i32 {
  if (m <= 1 || n <= 1 || k <= 0) return 0;
  const nr = nrOf(elemBytes);
  const kc = min(KC, k);
  const packedB = kc * roundUp(min(NC, n), nr);
  const packedA = roundUp(min(MC, m), MR) * kc;
  return (packedB + packedA + MR * nr) * elemBytes;
}

/**
 * One (unbatched) product. Strides in elements; alpha and beta as in BLAS: beta == 0: C is not read; alpha == 0:
 * A and B are not read (C = beta C, so NaN and infinities in A or B do not reach C, as in PyTorch's addmm).
 */
export function gemm<T>(
  m: i32, n: i32, k: i32, alpha: T,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  beta: T, c: usize, ldc: i32, work: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const size = <usize>sizeof<T>();
  if (k <= 0 || alpha == 0) {
    scaleRows<T>(m, n, beta, c, ldc);
    return;
  }
  if (n == 1) {
    gemv<T>(m, k, alpha, a, <usize>rsA * size, <usize>csA * size, b, <usize>rsB * size, beta, c, <usize>ldc * size);
    return;
  }
  if (m == 1) {
    // c[0, :] = alpha * B^T a + beta * c: B^T is n x k with row stride csB.
    gemv<T>(n, k, alpha, b, <usize>csB * size, <usize>rsB * size, a, <usize>csA * size, beta, c, size);
    return;
  }
  blocked<T>(m, n, k, alpha, a, <usize>rsA * size, <usize>csA * size, b, <usize>rsB * size, <usize>csB * size, beta, c, ldc, work);
}

/** Strides here are in bytes. */
function blocked<T>(
  m: i32, n: i32, k: i32, alpha: T,
  a: usize, rsA: usize, csA: usize,
  b: usize, rsB: usize, csB: usize,
  beta: T, c: usize, ldc: i32, work: usize,
): void {
  const size = <usize>sizeof<T>();
  const NR = nrOf(sizeof<T>());
  const kcMax = min(KC, k);
  const packedB = work;
  const packedA = packedB + <usize>(kcMax * roundUp(min(NC, n), NR)) * size;
  const edgeTile = packedA + <usize>(roundUp(min(MC, m), MR) * kcMax) * size;
  const ldcBytes = <usize>ldc * size;
  // Packing A pays when each A panel meets several B panels; with at most PACK_A_MIN_PANELS of them the packing
  // would cost about as much as the arithmetic it serves (n = 8: 42 -> 56 GFLOP/s without it).
  const packA = n > PACK_A_MIN_PANELS * NR;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      // Later k blocks add onto what the first one wrote.
      const betaBlock: T = pc == 0 ? beta : <T>1;
      const bBlock = b + <usize>pc * rsB + <usize>jc * csB;
      for (let jr = 0; jr < nc; jr += NR) {
        packPanel<T>(NR, min(NR, nc - jr), kc, bBlock + <usize>jr * csB, csB, rsB, packedB + <usize>(jr * kc) * size);
      }
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        const aBlock = a + <usize>ic * rsA + <usize>pc * csA;
        for (let ir = 0; ir < mc; ir += MR) {
          if (packA || mc - ir < MR) {
            packPanel<T>(MR, min(MR, mc - ir), kc, aBlock + <usize>ir * rsA, rsA, csA, packedA + <usize>(ir * kc) * size);
          }
        }
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bPanel = packedB + <usize>(jr * kc) * size;
          const cColumn = c + <usize>ic * ldcBytes + <usize>(jc + jr) * size;
          if (packA) packedColumn<T>(mc, cols, kc, packedA, bPanel, cColumn, ldc, alpha, betaBlock, edgeTile);
          else directColumn<T>(mc, cols, kc, aBlock, rsA, csA, packedA, bPanel, cColumn, ldc, alpha, betaBlock, edgeTile);
        }
      }
    }
  }
}

/**
 * One column of tiles (mc rows of C, one B panel) from packed A panels: the microkernels' caller, kept as its own
 * function so that the k loop is register-allocated apart from the blocking loops (measured a few % faster).
 */
function packedColumn<T>(mc: i32, cols: i32, kc: i32, packedA: usize, pb: usize, c: usize, ldc: i32, alpha: T, beta: T, edgeTile: usize): void {
  const size = <usize>sizeof<T>();
  for (let ir = 0; ir < mc; ir += MR) {
    tile<T>(false, min(MR, mc - ir), cols, kc, packedA + <usize>(ir * kc) * size, 0, 0, pb, c + <usize>ir * <usize>ldc * size, ldc, alpha, beta, edgeTile);
  }
}

/** packedColumn with full row panels of A read in place (aRow, aK: A's strides in bytes); edge rows come packed. */
function directColumn<T>(
  mc: i32, cols: i32, kc: i32, a: usize, aRow: usize, aK: usize, packedA: usize, pb: usize,
  c: usize, ldc: i32, alpha: T, beta: T, edgeTile: usize,
): void {
  const size = <usize>sizeof<T>();
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const cTile = c + <usize>ir * <usize>ldc * size;
    if (rows < MR) tile<T>(false, rows, cols, kc, packedA + <usize>(ir * kc) * size, 0, 0, pb, cTile, ldc, alpha, beta, edgeTile);
    else tile<T>(true, rows, cols, kc, a + <usize>ir * aRow, aRow, aK, pb, cTile, ldc, alpha, beta, edgeTile);
  }
}

/**
 * One MR x NR tile of C, A packed or read in place (`direct`, a constant: see gemm-microkernels.ts). A full tile is
 * written in place; an edge tile is computed in full (from zero-padded panels) into a scratch tile, then its valid
 * part is copied out.
 */
@inline
function tile<T>(
  direct: bool, rows: i32, cols: i32, kc: i32, a: usize, aRow: usize, aK: usize, pb: usize,
  c: usize, ldc: i32, alpha: T, beta: T, edgeTile: usize,
): void {
  const NR = nrOf(sizeof<T>());
  const full = rows == MR && cols == NR;
  const out = full ? c : edgeTile;
  const ld = full ? ldc : NR;
  const al = full ? alpha : <T>1;
  const be = full ? beta : <T>0;
  if (cols <= NR / 2) microkernel4xHalf<T>(direct, kc, a, aRow, aK, pb, out, ld, al, be);
  else microkernel4xNR<T>(direct, kc, a, aRow, aK, pb, out, ld, al, be);
  if (!full) copyEdge<T>(rows, cols, edgeTile, NR, c, <usize>ldc * sizeof<T>(), alpha, beta);
}

/** C[rows x cols] = alpha * tile + beta * C for the valid part of an edge tile. */
function copyEdge<T>(rows: i32, cols: i32, tile: usize, tileLd: i32, c: usize, ldcBytes: usize, alpha: T, beta: T): void {
  const size = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) {
    const from = tile + <usize>(r * tileLd) * size;
    const to = c + <usize>r * ldcBytes;
    for (let j = 0; j < cols; j++) {
      const at = to + <usize>j * size;
      const v = alpha * load<T>(from + <usize>j * size);
      store<T>(at, beta == 0 ? v : v + beta * load<T>(at));
    }
  }
}

/** C = beta * C (k == 0: the product is empty). */
function scaleRows<T>(m: i32, n: i32, beta: T, c: usize, ldc: i32): void {
  const size = <usize>sizeof<T>();
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * <usize>ldc * size;
    for (let j = 0; j < n; j++) {
      const at = row + <usize>j * size;
      store<T>(at, beta == 0 ? <T>0 : beta * load<T>(at));
    }
  }
}
