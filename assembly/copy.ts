// Strided copy (the kernel behind contiguous(), permutes, einops and im2col), fills and dtype casts.
// Pointers are byte addresses into host-owned memory; shapes and strides are element counts.
import { DT_F32, DT_F64, DT_I32 } from '../abi/dtype-codes';
import { lanes } from './simd';
import { moveStrided, startOdometer } from './strided';

/**
 * Gathers a strided view into a contiguous destination.
 * meta (i32): shape[ndim], srcStrides[ndim], then ndim scratch words for the index counter.
 * The host merges adjacent dimensions first, so ndim is small and the innermost run is as long as possible.
 * Inner paths, chosen from the source strides:
 * - innermost stride 1: contiguous runs (SIMD moves for short runs, bulk memory.copy for long ones),
 *   the two innermost dims as a tight double loop;
 * - innermost stride 0 (a broadcast): each run is a fill;
 * - innermost stride not 1 but some other dim has stride 1: a 2-D transpose between that dim and the
 *   innermost one, per index of the remaining dims (4x4 SIMD tiles; 2- and 3-way (de)interleaves for
 *   channel-like dims of length 2 or 3, e.g. patches in (p1 p2 c) order or NCHW <-> NHWC);
 * - otherwise a strided gather.
 * Every SIMD loop has a scalar tail beside it; 8-byte elements transpose in 2x2 SIMD blocks, 1-byte elements in
 * the scalar tiled loop (planeScalar). test/einops-copy.test.ts checks every path, in every dtype, against index
 * arithmetic.
 */
export function copyStrided(elemBytes: i32, src: usize, dst: usize, ndim: i32, meta: usize): void {
  if (ndim == 0) {
    memory.copy(dst, src, elemBytes);
    return;
  }
  const shapeP = meta;
  const strideP = meta + (<usize>ndim << 2);
  const counterP = strideP + (<usize>ndim << 2);
  const last = ndim - 1;
  const innerStride = load<i32>(strideP + (<usize>last << 2));
  if (innerStride != 1 && innerStride != 0) {
    for (let k = last - 1; k >= 0; k--) {
      if (load<i32>(strideP + (<usize>k << 2)) == 1) {
        transposeCopy(elemBytes, src, dst, ndim, k, shapeP, strideP, counterP);
        return;
      }
    }
  }
  runsCopy(elemBytes, src, dst, ndim, shapeP, strideP, counterP);
}

/** Odometer step over dims [0, last]; returns the new source offset in elements. */
@inline
function advance(last: i32, shapeP: usize, strideP: usize, counterP: usize, offset: isize): isize {
  for (let d = last; d >= 0; d--) {
    const cp = counterP + (<usize>d << 2);
    const c = load<i32>(cp) + 1;
    const stride = <isize>load<i32>(strideP + (<usize>d << 2));
    if (c < load<i32>(shapeP + (<usize>d << 2))) {
      store<i32>(cp, c);
      return offset + stride;
    }
    store<i32>(cp, 0);
    offset -= stride * <isize>(c - 1);
  }
  return offset;
}

/** Runs shorter than this many bytes are moved with inline SIMD loads/stores instead of memory.copy. */
const SHORT_RUN_BYTES: usize = 256;

/**
 * The innermost dim is a run of `inner` elements with source stride 1, 0 or any other value. The two
 * innermost dims are iterated directly (one loop nest per kind of run, so that the loops carry no
 * decisions); an odometer walks the dims before them.
 */
function runsCopy(elemBytes: i32, src: usize, dst: usize, ndim: i32, shapeP: usize, strideP: usize, counterP: usize): void {
  const last = ndim - 1;
  const inner = load<i32>(shapeP + (<usize>last << 2));
  const innerStride = load<i32>(strideP + (<usize>last << 2));
  const rows = ndim >= 2 ? load<i32>(shapeP + (<usize>(last - 1) << 2)) : 1;
  const rowStride = ndim >= 2 ? <isize>load<i32>(strideP + (<usize>(last - 1) << 2)) : 0;
  const outer = startOdometer(ndim - 2, shapeP, counterP);
  const runBytes = <usize>inner * <usize>elemBytes;
  const rowStep = <usize>(rowStride * elemBytes);
  let srcOffset: isize = 0; // in elements
  let out = dst;
  for (let o = 0; o < outer; o++) {
    const from = src + <usize>(srcOffset * elemBytes);
    if (innerStride == 1) {
      if (runBytes < SHORT_RUN_BYTES) copyShortRuns(out, from, rows, runBytes, rowStep);
      else {
        for (let r = 0; r < rows; r++) memory.copy(out + <usize>r * runBytes, from + <usize>r * rowStep, runBytes);
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const at = from + <usize>r * rowStep;
        const to = out + <usize>r * runBytes;
        if (innerStride == 0) fillRun(elemBytes, to, at, inner);
        else moveElements(elemBytes, to, 1, at, innerStride, inner);
      }
    }
    out += <usize>rows * runBytes;
    srcOffset = advance(ndim - 3, shapeP, strideP, counterP, srcOffset);
  }
}

/**
 * `rows` short contiguous runs of `bytes` bytes, source runs `rowStep` bytes apart, destination runs adjacent.
 * 16-byte SIMD moves, then the tail in 4-byte words, then bytes.
 */
@inline
function copyShortRuns(out: usize, from: usize, rows: i32, bytes: usize, rowStep: usize): void {
  const bytes16 = bytes & ~15;
  if (bytes16 == bytes) {
    for (let r = 0; r < rows; r++) {
      for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, v128.load(from + i));
      out += bytes;
      from += rowStep;
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    let i: usize = 0;
    for (; i < bytes16; i += 16) v128.store(out + i, v128.load(from + i));
    for (; i + 4 <= bytes; i += 4) store<u32>(out + i, load<u32>(from + i));
    for (; i < bytes; i++) store<u8>(out + i, load<u8>(from + i));
    out += bytes;
    from += rowStep;
  }
}

/** A broadcast run (source stride 0): n copies of the element at `from`. */
@inline
function fillRun(elemBytes: i32, out: usize, from: usize, n: i32): void {
  if (elemBytes == 4) fill<u32>(out, n, load<u32>(from));
  else if (elemBytes == 8) fill<u64>(out, n, load<u64>(from));
  else memory.fill(out, load<u8>(from), <usize>n);
}

/** n elements of elemBytes (1, 4 or 8) bytes from src to dst, srcStep and dstStep elements apart. */
@inline
function moveElements(elemBytes: i32, dst: usize, dstStep: isize, src: usize, srcStep: isize, n: i32): void {
  if (elemBytes == 4) moveStrided<u32>(dst, <usize>(dstStep << 2), src, <usize>(srcStep << 2), n);
  else if (elemBytes == 8) moveStrided<u64>(dst, <usize>(dstStep << 3), src, <usize>(srcStep << 3), n);
  else moveStrided<u8>(dst, <usize>dstStep, src, <usize>srcStep, n);
}

/** Destination stride (elements) of dim d of a contiguous destination: the product of the sizes after d. */
@inline
function denseStride(shapeP: usize, ndim: i32, d: i32): isize {
  let stride: isize = 1;
  for (let e = d + 1; e < ndim; e++) stride *= <isize>load<i32>(shapeP + (<usize>e << 2));
  return stride;
}

/**
 * The source has stride 1 along dim k and not along the innermost dim: for every index of the other dims,
 * a plane of shape[k] x shape[last] is transposed (source rows along k are contiguous, destination rows
 * along the innermost dim are contiguous). The innermost of the other dims (m) is looped inside the plane
 * kernels, so that small planes (a 16 x 3 patch row) do not pay the odometer per plane. The odometer over
 * the remaining dims moves both offsets, since skipping k and m makes the destination offsets non-sequential.
 */
function transposeCopy(elemBytes: i32, src: usize, dst: usize, ndim: i32, k: i32, shapeP: usize, strideP: usize, counterP: usize): void {
  const last = ndim - 1;
  const rows = load<i32>(shapeP + (<usize>k << 2));
  const cols = load<i32>(shapeP + (<usize>last << 2));
  const colStride = load<i32>(strideP + (<usize>last << 2));
  const dstRowStride = <i32>denseStride(shapeP, ndim, k);
  let m = last - 1;
  if (m == k) m--;
  const planes = m >= 0 ? load<i32>(shapeP + (<usize>m << 2)) : 1;
  const planeSrcStep = m >= 0 ? load<i32>(strideP + (<usize>m << 2)) : 0;
  const planeDstStep = m >= 0 ? <i32>denseStride(shapeP, ndim, m) : 0;
  let outer: i32 = 1;
  for (let d = 0; d < last; d++) {
    store<i32>(counterP + (<usize>d << 2), 0);
    if (d != k && d != m) outer *= load<i32>(shapeP + (<usize>d << 2));
  }
  let srcOffset: isize = 0;
  let dstOffset: isize = 0;
  for (let o = 0; o < outer; o++) {
    const from = src + <usize>(srcOffset * elemBytes);
    const to = dst + <usize>(dstOffset * elemBytes);
    if (elemBytes == 4) planes32(from, to, rows, cols, colStride, dstRowStride, planes, planeSrcStep, planeDstStep);
    else {
      for (let p = 0; p < planes; p++) {
        const pf = from + <usize>(<isize>p * planeSrcStep * elemBytes);
        const pt = to + <usize>(<isize>p * planeDstStep * elemBytes);
        if (elemBytes == 8) plane64(pf, pt, rows, cols, colStride, dstRowStride);
        else planeScalar(elemBytes, pf, pt, 0, rows, 0, cols, colStride, dstRowStride);
      }
    }
    for (let d = m - 1; d >= 0; d--) {
      if (d == k) continue;
      const cp = counterP + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const ss = <isize>load<i32>(strideP + (<usize>d << 2));
      const ds = denseStride(shapeP, ndim, d);
      if (c < load<i32>(shapeP + (<usize>d << 2))) {
        store<i32>(cp, c);
        srcOffset += ss;
        dstOffset += ds;
        break;
      }
      store<i32>(cp, 0);
      srcOffset -= ss * <isize>(c - 1);
      dstOffset -= ds * <isize>(c - 1);
    }
  }
}

/** Rows of one transpose block: the TILE-row band is finished across all columns before the next band. */
const TILE: i32 = 16;

/**
 * The scalar reference for a plane region: dst[i * dstRowStride + j] = src[i + j * colStride] for rows
 * [i0, i1) and columns [j0, j1), in TILE x TILE blocks so that reads and writes stay within a few cache lines.
 */
function planeScalar(elemBytes: i32, src: usize, dst: usize, i0: i32, i1: i32, j0: i32, j1: i32, colStride: i32, dstRowStride: i32): void {
  const eb = <usize>elemBytes;
  for (let ib = i0; ib < i1; ib += TILE) {
    const ie = min(ib + TILE, i1);
    for (let jb = j0; jb < j1; jb += TILE) {
      const je = min(jb + TILE, j1);
      for (let i = ib; i < ie; i++) {
        const rowOut = dst + <usize>(i * dstRowStride + jb) * eb;
        const rowIn = src + <usize>(i + jb * colStride) * eb;
        moveElements(elemBytes, rowOut, 1, rowIn, colStride, je - jb);
      }
    }
  }
}

/**
 * `planes` transpose planes of 4-byte elements (see transposeCopy), plane p at source offset p * planeSrcStep
 * and destination offset p * planeDstStep (elements).
 */
function planes32(
  src: usize, dst: usize, rows: i32, cols: i32, colStride: i32, dstRowStride: i32,
  planes: i32, planeSrcStep: i32, planeDstStep: i32,
): void {
  const rows4 = rows & ~3;
  const cols4 = cols & ~3;
  const srcStep = <usize>planeSrcStep << 2;
  const dstStep = <usize>planeDstStep << 2;
  for (let p = 0; p < planes; p++) {
    const from = src + <usize>p * srcStep;
    const to = dst + <usize>p * dstStep;
    if (cols == 3 && dstRowStride == 3) {
      interleave3x32(from, to, rows4, colStride);
      if (rows4 < rows) planeScalar(4, from, to, rows4, rows, 0, cols, colStride, dstRowStride);
    } else if (cols == 2 && dstRowStride == 2) {
      interleave2x32(from, to, rows4, colStride);
      if (rows4 < rows) planeScalar(4, from, to, rows4, rows, 0, cols, colStride, dstRowStride);
    } else if (rows == 3 && colStride == 3) {
      deinterleave3x32(from, to, cols4, dstRowStride);
      if (cols4 < cols) planeScalar(4, from, to, 0, rows, cols4, cols, colStride, dstRowStride);
    } else if (rows == 2 && colStride == 2) {
      deinterleave2x32(from, to, cols4, dstRowStride);
      if (cols4 < cols) planeScalar(4, from, to, 0, rows, cols4, cols, colStride, dstRowStride);
    } else {
      // 4x4 tiles, then the right edge (columns past the last multiple of 4) and the bottom edge.
      tiles4x4x32(from, to, rows4, cols4, colStride, dstRowStride);
      if (cols4 < cols) planeScalar(4, from, to, 0, rows4, cols4, cols, colStride, dstRowStride);
      if (rows4 < rows) planeScalar(4, from, to, rows4, rows, 0, cols, colStride, dstRowStride);
    }
  }
}

/**
 * 4x4 blocks: four column loads (4 source rows each) are transposed with 8 shuffles (unpack low/high of 32-bit
 * and of 64-bit lanes) into four destination row segments. The blocks are visited in BLOCK x BLOCK squares so
 * that the source and destination lines a square touches stay in L1 even when both row strides are powers of
 * two (every line then falls in the same cache set).
 */
function tiles4x4x32(src: usize, dst: usize, rows4: i32, cols4: i32, colStride: i32, dstRowStride: i32): void {
  const colStep = <usize>colStride << 2;
  const rowStep = <usize>dstRowStride << 2;
  for (let jb = 0; jb < cols4; jb += BLOCK) {
    const je = min(jb + BLOCK, cols4);
    for (let ib = 0; ib < rows4; ib += BLOCK) {
      const ie = min(ib + BLOCK, rows4);
      for (let i = ib; i < ie; i += 4) {
        for (let j = jb; j < je; j += 4) {
          const p = src + <usize>(j * colStride + i) * 4;
          const a = v128.load(p);
          const b = v128.load(p + colStep);
          const c = v128.load(p + 2 * colStep);
          const d = v128.load(p + 3 * colStep);
          const ab01 = i32x4.shuffle(a, b, 0, 4, 1, 5);
          const ab23 = i32x4.shuffle(a, b, 2, 6, 3, 7);
          const cd01 = i32x4.shuffle(c, d, 0, 4, 1, 5);
          const cd23 = i32x4.shuffle(c, d, 2, 6, 3, 7);
          const q = dst + <usize>(i * dstRowStride + j) * 4;
          v128.store(q, i32x4.shuffle(ab01, cd01, 0, 1, 4, 5));
          v128.store(q + rowStep, i32x4.shuffle(ab01, cd01, 2, 3, 6, 7));
          v128.store(q + 2 * rowStep, i32x4.shuffle(ab23, cd23, 0, 1, 4, 5));
          v128.store(q + 3 * rowStep, i32x4.shuffle(ab23, cd23, 2, 3, 6, 7));
        }
      }
    }
  }
}

/** Side of the squares of 4x4 blocks in tiles4x4x32 (8: at most 8 source + 8 destination lines in flight). */
const BLOCK: i32 = 8;

/** Three source columns a, b, c (4 rows each) -> 12 contiguous outputs a0 b0 c0 a1 b1 c1 ... (6 shuffles). */
function interleave3x32(src: usize, dst: usize, rows4: i32, colStride: i32): void {
  const colStep = <usize>colStride << 2;
  for (let i = 0; i < rows4; i += 4) {
    const p = src + (<usize>i << 2);
    const a = v128.load(p);
    const b = v128.load(p + colStep);
    const c = v128.load(p + 2 * colStep);
    const q = dst + <usize>(i * 3) * 4;
    const ab = i32x4.shuffle(a, b, 0, 4, 1, 5); // a0 b0 a1 b1
    const t = i32x4.shuffle(a, b, 2, 5, 6, 6); // a2 b1 b2 .
    const u = i32x4.shuffle(a, b, 3, 7, 3, 7); // a3 b3 . .
    v128.store(q, i32x4.shuffle(ab, c, 0, 1, 4, 2)); // a0 b0 c0 a1
    v128.store(q + 16, i32x4.shuffle(t, c, 1, 5, 0, 2)); // b1 c1 a2 b2
    v128.store(q + 32, i32x4.shuffle(u, c, 6, 0, 1, 7)); // c2 a3 b3 c3
  }
}

/** Two source columns a, b (4 rows each) -> 8 contiguous outputs a0 b0 a1 b1 ... */
function interleave2x32(src: usize, dst: usize, rows4: i32, colStride: i32): void {
  const colStep = <usize>colStride << 2;
  for (let i = 0; i < rows4; i += 4) {
    const p = src + (<usize>i << 2);
    const a = v128.load(p);
    const b = v128.load(p + colStep);
    const q = dst + <usize>(i * 2) * 4;
    v128.store(q, i32x4.shuffle(a, b, 0, 4, 1, 5));
    v128.store(q + 16, i32x4.shuffle(a, b, 2, 6, 3, 7));
  }
}

/** 12 contiguous inputs a0 b0 c0 a1 ... (3 rows interleaved) -> rows a, b, c of 4 outputs each (6 shuffles). */
function deinterleave3x32(src: usize, dst: usize, cols4: i32, dstRowStride: i32): void {
  const rowStep = <usize>dstRowStride << 2;
  for (let j = 0; j < cols4; j += 4) {
    const p = src + <usize>(j * 3) * 4;
    const v0 = v128.load(p); // a0 b0 c0 a1
    const v1 = v128.load(p + 16); // b1 c1 a2 b2
    const v2 = v128.load(p + 32); // c2 a3 b3 c3
    const q = dst + (<usize>j << 2);
    v128.store(q, i32x4.shuffle(i32x4.shuffle(v0, v1, 0, 3, 6, 6), v2, 0, 1, 2, 5));
    v128.store(q + rowStep, i32x4.shuffle(i32x4.shuffle(v0, v1, 1, 4, 7, 7), v2, 0, 1, 2, 6));
    v128.store(q + 2 * rowStep, i32x4.shuffle(i32x4.shuffle(v0, v1, 2, 5, 5, 5), v2, 0, 1, 4, 7));
  }
}

/** 8 contiguous inputs a0 b0 a1 b1 ... (2 rows interleaved) -> rows a, b of 4 outputs each. */
function deinterleave2x32(src: usize, dst: usize, cols4: i32, dstRowStride: i32): void {
  const rowStep = <usize>dstRowStride << 2;
  for (let j = 0; j < cols4; j += 4) {
    const p = src + <usize>(j * 2) * 4;
    const v0 = v128.load(p);
    const v1 = v128.load(p + 16);
    const q = dst + (<usize>j << 2);
    v128.store(q, i32x4.shuffle(v0, v1, 0, 2, 4, 6));
    v128.store(q + rowStep, i32x4.shuffle(v0, v1, 1, 3, 5, 7));
  }
}

/** One transpose plane of 8-byte elements: 2x2 SIMD blocks (two shuffles each), scalar edges. */
function plane64(src: usize, dst: usize, rows: i32, cols: i32, colStride: i32, dstRowStride: i32): void {
  const rows2 = rows & ~1;
  const cols2 = cols & ~1;
  const colStep = <usize>colStride << 3;
  const rowStep = <usize>dstRowStride << 3;
  for (let ib = 0; ib < rows2; ib += TILE) {
    const ie = min(ib + TILE, rows2);
    for (let j = 0; j < cols2; j += 2) {
      const colBase = src + <usize>(j * colStride) * 8;
      for (let i = ib; i < ie; i += 2) {
        const p = colBase + (<usize>i << 3);
        const a = v128.load(p);
        const b = v128.load(p + colStep);
        const q = dst + <usize>(i * dstRowStride + j) * 8;
        v128.store(q, i64x2.shuffle(a, b, 0, 2));
        v128.store(q + rowStep, i64x2.shuffle(a, b, 1, 3));
      }
    }
  }
  planeScalar(8, src, dst, 0, rows2, cols2, cols, colStride, dstRowStride);
  planeScalar(8, src, dst, rows2, rows, 0, cols, colStride, dstRowStride);
}

/** n copies of value from dst on: SIMD stores, scalar tail. */
@inline
function fill<T>(dst: usize, n: i32, value: T): void {
  const v = v128.splat<T>(value);
  let i = 0;
  for (; i + lanes<T>() <= n; i += lanes<T>()) v128.store(dst + <usize>i * sizeof<T>(), v);
  for (; i < n; i++) store<T>(dst + <usize>i * sizeof<T>(), value);
}

export function fillF32(dst: usize, n: i32, value: f32): void {
  fill<f32>(dst, n, value);
}

export function fillF64(dst: usize, n: i32, value: f64): void {
  fill<f64>(dst, n, value);
}

export function fillI32(dst: usize, n: i32, value: i32): void {
  fill<i32>(dst, n, value);
}

export function fillU8(dst: usize, n: i32, value: u8): void {
  memory.fill(dst, value, <usize>n);
}

/**
 * Contiguous cast with PyTorch's semantics: float -> int truncates toward zero, and a value whose truncation is
 * outside the int32 range (NaN and the infinities included) gives INT_MIN, as PyTorch on x86 (the conversion's
 * "integer indefinite"); anything -> bool is (x != 0). srcType and dstType are abi/dtype-codes.ts codes (DT_U8 for
 * bool).
 */
export function cast(src: usize, srcType: i32, dst: usize, dstType: i32, n: i32): void {
  for (let i = 0; i < n; i++) {
    let v: f64;
    if (srcType == DT_F32) v = <f64>load<f32>(src + (<usize>i << 2));
    else if (srcType == DT_F64) v = load<f64>(src + (<usize>i << 3));
    else if (srcType == DT_I32) v = <f64>load<i32>(src + (<usize>i << 2));
    else v = <f64>load<u8>(src + <usize>i);
    if (dstType == DT_F32) store<f32>(dst + (<usize>i << 2), <f32>v);
    else if (dstType == DT_F64) store<f64>(dst + (<usize>i << 3), v);
    else if (dstType == DT_I32) store<i32>(dst + (<usize>i << 2), v > -2147483649.0 && v < 2147483648.0 ? <i32>v : i32.MIN_VALUE);
    else store<u8>(dst + <usize>i, v != 0 ? 1 : 0);
  }
}

/**
 * Copies between two strided layouts of the same shape (copy_ into views, slice backward, cat).
 * meta (i32): shape[ndim], srcStrides[ndim], dstStrides[ndim], then ndim scratch words for the index counter.
 */
export function copyStridedToStrided(elemBytes: i32, src: usize, dst: usize, ndim: i32, meta: usize): void {
  if (ndim == 0) {
    memory.copy(dst, src, elemBytes);
    return;
  }
  const shapeP = meta;
  const srcStrideP = meta + (<usize>ndim << 2);
  const dstStrideP = srcStrideP + (<usize>ndim << 2);
  const counterP = dstStrideP + (<usize>ndim << 2);
  const dims = ndim - 1;
  const inner = load<i32>(shapeP + (<usize>dims << 2));
  const sIn = load<i32>(srcStrideP + (<usize>dims << 2));
  const dIn = load<i32>(dstStrideP + (<usize>dims << 2));
  const total = startOdometer(dims, shapeP, counterP);
  let srcOffset: isize = 0;
  let dstOffset: isize = 0;
  for (let r = 0; r < total; r++) {
    const from = src + <usize>(srcOffset * elemBytes);
    const to = dst + <usize>(dstOffset * elemBytes);
    if (sIn == 1 && dIn == 1) memory.copy(to, from, <usize>inner * <usize>elemBytes);
    else moveElements(elemBytes, to, dIn, from, sIn, inner);
    // Odometer over the outer dims, moving both offsets (inline: see strided.ts).
    for (let d = dims - 1; d >= 0; d--) {
      const cp = counterP + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const ss = <isize>load<i32>(srcStrideP + (<usize>d << 2));
      const ds = <isize>load<i32>(dstStrideP + (<usize>d << 2));
      if (c < load<i32>(shapeP + (<usize>d << 2))) {
        store<i32>(cp, c);
        srcOffset += ss;
        dstOffset += ds;
        break;
      }
      store<i32>(cp, 0);
      srcOffset -= ss * <isize>(c - 1);
      dstOffset -= ds * <isize>(c - 1);
    }
  }
}
