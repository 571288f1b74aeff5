// Index and shape kernels: index bounds checks, index_select, gather, scatter (assign and add), index_add,
// triangular masks (triu/tril) and nonzero. Flips, rolls, repeats and padding need no kernel of their own:
// the host expresses them as strided copies (negative, zero or offset strides) through assembly/copy.ts.
// Pointers are byte addresses into host-owned memory; shapes, strides and indices are element counts.
// The host checks every index against its bound (findIndexOutside) before a kernel that follows indices runs.
import { lanes } from './simd';
import { carryDelta, nextIndex, startOdometer } from './strided';

// ---------------------------------------------------------------- index checks

/**
 * Position of the first index outside [lo, hi), or -1 when all are inside. One unsigned compare per lane:
 * v is inside exactly when (v - lo) <u (hi - lo).
 */
export function findIndexOutside(idx: usize, n: i32, lo: i32, hi: i32): i32 {
  const range = hi - lo;
  const loV = i32x4.splat(lo);
  const rangeV = i32x4.splat(range);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const shifted = i32x4.sub(v128.load(idx + (<usize>i << 2)), loV);
    if (v128.any_true(i32x4.ge_u(shifted, rangeV))) break; // the scalar loop below finds which lane
  }
  for (; i < n; i++) {
    if (<u32>(load<i32>(idx + (<usize>i << 2)) - lo) >= <u32>range) return i;
  }
  return -1;
}

/** dst[i] = idx[i] < 0 ? idx[i] + size : idx[i] (Python-style negative indices; the host checked [-size, size)). */
export function wrapNegativeIndices(idx: usize, dst: usize, n: i32, size: i32): void {
  const zero = i32x4.splat(0);
  const sizeV = i32x4.splat(size);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(idx + (<usize>i << 2));
    v128.store(dst + (<usize>i << 2), i32x4.add(v, v128.and(i32x4.lt_s(v, zero), sizeV)));
  }
  for (; i < n; i++) {
    const v = load<i32>(idx + (<usize>i << 2));
    store<i32>(dst + (<usize>i << 2), v < 0 ? v + size : v);
  }
}

// ---------------------------------------------------------------- index_select

/**
 * index_select on a contiguous source viewed as [outer, srcDim, inner]: dst [outer, count, inner] takes row idx[k]
 * of each outer block. Rows are moved whole with memory.copy; single elements by a typed load/store.
 */
export function indexSelect(elemBytes: i32, src: usize, dst: usize, idx: usize, outer: i32, srcDim: i32, inner: i32, count: i32): void {
  const rowBytes = <usize>inner * <usize>elemBytes;
  const blockBytes = rowBytes * <usize>srcDim;
  let out = dst;
  for (let o = 0; o < outer; o++) {
    const base = src + <usize>o * blockBytes;
    if (inner == 1 && elemBytes == 4) {
      for (let k = 0; k < count; k++) store<u32>(out + (<usize>k << 2), load<u32>(base + (<usize>load<i32>(idx + (<usize>k << 2)) << 2)));
      out += <usize>count << 2;
    } else if (inner == 1 && elemBytes == 8) {
      for (let k = 0; k < count; k++) store<u64>(out + (<usize>k << 3), load<u64>(base + (<usize>load<i32>(idx + (<usize>k << 2)) << 3)));
      out += <usize>count << 3;
    } else {
      for (let k = 0; k < count; k++) {
        memory.copy(out, base + <usize>load<i32>(idx + (<usize>k << 2)) * rowBytes, rowBytes);
        out += rowBytes;
      }
    }
  }
}

// ---------------------------------------------------------------- carry deltas for gather / scatter

// Gather and scatter walk the index's shape row by row (the last dim is the inner loop) with the odometer of
// strided.ts; every strided operand's carry deltas are computed once per call into the meta scratch words.

/** Writes the carry delta of each dim in [0, outerDims) for the operand with strides at strideP. */
function carryDeltas(outerDims: i32, shapeP: usize, strideP: usize, deltaP: usize): void {
  for (let d = 0; d < outerDims; d++) store<i32>(deltaP + (<usize>d << 2), <i32>carryDelta(d, outerDims, shapeP, strideP));
}

// ---------------------------------------------------------------- gather

/**
 * gather along one dim: dst (contiguous, the index's shape) [p] = src[p with p[dim] replaced by idx[p]].
 * idx is contiguous. meta (i32): shape[ndim] (the index's), srcStrides[ndim] with 0 at dim, then 2 * ndim
 * scratch words. dimStride is src's stride along dim. ndim >= 1.
 */
export function gather(elemBytes: i32, src: usize, dst: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  if (elemBytes == 4) gatherRows<u32>(src, dst, idx, ndim, dimStride, meta);
  else if (elemBytes == 8) gatherRows<u64>(src, dst, idx, ndim, dimStride, meta);
  else gatherRows<u8>(src, dst, idx, ndim, dimStride, meta);
}

@inline
function gatherRows<T>(src: usize, dst: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  const shapeP = meta;
  const strideP = shapeP + (<usize>ndim << 2);
  const counterP = strideP + (<usize>ndim << 2);
  const deltaP = counterP + (<usize>ndim << 2);
  const outerDims = ndim - 1;
  const inner = load<i32>(shapeP + (<usize>outerDims << 2));
  const innerStride = <isize>load<i32>(strideP + (<usize>outerDims << 2));
  carryDeltas(outerDims, shapeP, strideP, deltaP);
  const rows = startOdometer(outerDims, shapeP, counterP);
  const size = <usize>sizeof<T>();
  let offset: isize = 0;
  let at: usize = 0; // position in idx and dst
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < inner; k++) {
      const i = <isize>load<i32>(idx + ((at + <usize>k) << 2));
      const from = offset + <isize>k * innerStride + i * <isize>dimStride;
      store<T>(dst + (at + <usize>k) * size, load<T>(src + <usize>from * size));
    }
    at += <usize>inner;
    if (r + 1 < rows) offset += <isize>load<i32>(deltaP + (<usize>nextIndex(outerDims, shapeP, counterP) << 2));
  }
}

// ---------------------------------------------------------------- scatter

/**
 * scatter along one dim: dst[p with p[dim] replaced by idx[p]] = src[p] for every p in the index's shape (the
 * last write wins where indices repeat). idx is contiguous; dst and src are strided (src strides may be 0 to
 * scatter one value). meta (i32): shape[ndim] (the index's), dstStrides[ndim] with 0 at dim, srcStrides[ndim],
 * then 3 * ndim scratch words. dimStride is dst's stride along dim. ndim >= 1.
 */
export function scatter(elemBytes: i32, dst: usize, src: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  if (elemBytes == 4) scatterRows<u32>(false, dst, src, idx, ndim, dimStride, meta);
  else if (elemBytes == 8) scatterRows<u64>(false, dst, src, idx, ndim, dimStride, meta);
  else scatterRows<u8>(false, dst, src, idx, ndim, dimStride, meta);
}

/** scatter_add: as scatter, but dst[...] += src[p], so repeated indices accumulate. Same meta layout. */
export function scatterAddF32(dst: usize, src: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  scatterRows<f32>(true, dst, src, idx, ndim, dimStride, meta);
}

export function scatterAddF64(dst: usize, src: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  scatterRows<f64>(true, dst, src, idx, ndim, dimStride, meta);
}

export function scatterAddI32(dst: usize, src: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  scatterRows<i32>(true, dst, src, idx, ndim, dimStride, meta);
}

@inline
function scatterRows<T>(accumulate: bool, dst: usize, src: usize, idx: usize, ndim: i32, dimStride: i32, meta: usize): void {
  const shapeP = meta;
  const dstStrideP = shapeP + (<usize>ndim << 2);
  const srcStrideP = dstStrideP + (<usize>ndim << 2);
  const counterP = srcStrideP + (<usize>ndim << 2);
  const dstDeltaP = counterP + (<usize>ndim << 2);
  const srcDeltaP = dstDeltaP + (<usize>ndim << 2);
  const outerDims = ndim - 1;
  const inner = load<i32>(shapeP + (<usize>outerDims << 2));
  const dstInner = <isize>load<i32>(dstStrideP + (<usize>outerDims << 2));
  const srcInner = <isize>load<i32>(srcStrideP + (<usize>outerDims << 2));
  carryDeltas(outerDims, shapeP, dstStrideP, dstDeltaP);
  carryDeltas(outerDims, shapeP, srcStrideP, srcDeltaP);
  const rows = startOdometer(outerDims, shapeP, counterP);
  const size = <usize>sizeof<T>();
  let dstOffset: isize = 0;
  let srcOffset: isize = 0;
  let at: usize = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < inner; k++) {
      const i = <isize>load<i32>(idx + ((at + <usize>k) << 2));
      const to = dst + <usize>(dstOffset + <isize>k * dstInner + i * <isize>dimStride) * size;
      const value = load<T>(src + <usize>(srcOffset + <isize>k * srcInner) * size);
      if (accumulate) store<T>(to, load<T>(to) + value);
      else store<T>(to, value);
    }
    at += <usize>inner;
    if (r + 1 < rows) {
      const d = <usize>nextIndex(outerDims, shapeP, counterP) << 2;
      dstOffset += <isize>load<i32>(dstDeltaP + d);
      srcOffset += <isize>load<i32>(srcDeltaP + d);
    }
  }
}

// ---------------------------------------------------------------- index_add

/**
 * index_add on a contiguous dst viewed as [outer, dstDim, inner]: row idx[k] of each outer block gets
 * alpha * row k of src ([outer, count, inner], contiguous) added. alpha == 1 adds exactly (no multiply).
 */
export function indexAddF32(dst: usize, src: usize, idx: usize, outer: i32, dstDim: i32, inner: i32, count: i32, alpha: f64): void {
  indexAdd<f32>(dst, src, idx, outer, dstDim, inner, count, <f32>alpha);
}

export function indexAddF64(dst: usize, src: usize, idx: usize, outer: i32, dstDim: i32, inner: i32, count: i32, alpha: f64): void {
  indexAdd<f64>(dst, src, idx, outer, dstDim, inner, count, alpha);
}

export function indexAddI32(dst: usize, src: usize, idx: usize, outer: i32, dstDim: i32, inner: i32, count: i32, alpha: i32): void {
  indexAdd<i32>(dst, src, idx, outer, dstDim, inner, count, alpha);
}

@inline
function indexAdd<T>(dst: usize, src: usize, idx: usize, outer: i32, dstDim: i32, inner: i32, count: i32, alpha: T): void {
  const rowBytes = <usize>inner * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < count; k++) {
      const row = <usize>load<i32>(idx + (<usize>k << 2));
      const to = dst + (<usize>o * <usize>dstDim + row) * rowBytes;
      const from = src + (<usize>o * <usize>count + <usize>k) * rowBytes;
      // Float rows with alpha == 1 are added exactly (no multiply).
      if (isFloat<T>() && alpha == 1) addRow<T>(to, from, inner, alpha, false);
      else addRow<T>(to, from, inner, alpha, true);
    }
  }
}

/** to[j] += alpha * from[j], or to[j] += from[j] when not `scaled` (a constant); SIMD body, scalar tail doing the same arithmetic. */
@inline
function addRow<T>(to: usize, from: usize, n: i32, alpha: T, scaled: bool): void {
  const size = <usize>sizeof<T>();
  const a = v128.splat<T>(alpha);
  let j = 0;
  for (; j + lanes<T>() <= n; j += lanes<T>()) {
    const p = to + <usize>j * size;
    const x = v128.load(from + <usize>j * size);
    v128.store(p, v128.add<T>(v128.load(p), scaled ? v128.mul<T>(a, x) : x));
  }
  for (; j < n; j++) {
    const p = to + <usize>j * size;
    const x = load<T>(from + <usize>j * size);
    store<T>(p, load<T>(p) + (scaled ? alpha * x : x));
  }
}

// ---------------------------------------------------------------- triu / tril

/**
 * Triangular mask copy of contiguous [batch, rows, cols] matrices (src may equal dst for the in-place ops).
 * upper != 0 (triu): keeps element (i, j) where j - i >= k; upper == 0 (tril): keeps j - i <= k; zeroes the rest.
 * Each row is one kept run and one zero run: memory.copy and memory.fill. The host clamps k to [-rows, cols].
 */
export function triangleMask(elemBytes: i32, src: usize, dst: usize, batch: i32, rows: i32, cols: i32, k: i32, upper: i32): void {
  const eb = <usize>elemBytes;
  const rowBytes = <usize>cols * eb;
  let from = src;
  let to = dst;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < rows; i++) {
      if (upper != 0) {
        const zeroEnd = <usize>min(max(i + k, 0), cols);
        memory.fill(to, 0, zeroEnd * eb);
        memory.copy(to + zeroEnd * eb, from + zeroEnd * eb, rowBytes - zeroEnd * eb);
      } else {
        const keepEnd = <usize>min(max(i + k + 1, 0), cols);
        memory.copy(to, from, keepEnd * eb);
        memory.fill(to + keepEnd * eb, 0, rowBytes - keepEnd * eb);
      }
      from += rowBytes;
      to += rowBytes;
    }
  }
}

// ---------------------------------------------------------------- nonzero

// One export per element type (suffix F32, F64, I32, U8: bool is read as bytes), each an instance of one generic.
// "Nonzero" is v != 0, so NaN counts.

/** Number of nonzero elements of a contiguous array. */
export function countNonzeroF32(src: usize, n: i32): i32 {
  return countNonzeroOf<f32>(src, n);
}
export function countNonzeroF64(src: usize, n: i32): i32 {
  return countNonzeroOf<f64>(src, n);
}
export function countNonzeroI32(src: usize, n: i32): i32 {
  return countNonzeroOf<i32>(src, n);
}
export function countNonzeroU8(src: usize, n: i32): i32 {
  return countNonzeroOf<u8>(src, n);
}

/** Writes the flat positions of the nonzero elements (ascending, int32) to dst; returns how many. */
export function nonzeroIndicesF32(src: usize, n: i32, dst: usize): i32 {
  return nonzeroIndicesOf<f32>(src, n, dst);
}
export function nonzeroIndicesF64(src: usize, n: i32, dst: usize): i32 {
  return nonzeroIndicesOf<f64>(src, n, dst);
}
export function nonzeroIndicesI32(src: usize, n: i32, dst: usize): i32 {
  return nonzeroIndicesOf<i32>(src, n, dst);
}
export function nonzeroIndicesU8(src: usize, n: i32, dst: usize): i32 {
  return nonzeroIndicesOf<u8>(src, n, dst);
}

/** Bit j set when element j of the 16-byte block at p is nonzero (4, 2 or 16 lanes, by type). */
@inline
function nonzeroLanes<T>(p: usize): i32 {
  const v = v128.load(p);
  if (sizeof<T>() == 8) return i64x2.bitmask(v128.ne<T>(v, v128.splat<T>(<T>0)));
  if (sizeof<T>() == 4) return i32x4.bitmask(v128.ne<T>(v, v128.splat<T>(<T>0)));
  return i8x16.bitmask(i8x16.ne(v, i8x16.splat(0)));
}

@inline
function countNonzeroOf<T>(src: usize, n: i32): i32 {
  const L = lanes<T>();
  let count = 0;
  let i = 0;
  for (; i + L <= n; i += L) count += popcnt<i32>(nonzeroLanes<T>(src + <usize>i * sizeof<T>()));
  for (; i < n; i++) if (load<T>(src + <usize>i * sizeof<T>()) != 0) count++;
  return count;
}

@inline
function nonzeroIndicesOf<T>(src: usize, n: i32, dst: usize): i32 {
  const L = lanes<T>();
  let count = 0;
  let i = 0;
  for (; i + L <= n; i += L) {
    let bits = nonzeroLanes<T>(src + <usize>i * sizeof<T>());
    while (bits != 0) {
      store<i32>(dst + (<usize>count << 2), i + ctz<i32>(bits));
      count++;
      bits &= bits - 1;
    }
  }
  for (; i < n; i++) {
    if (load<T>(src + <usize>i * sizeof<T>()) != 0) {
      store<i32>(dst + (<usize>count << 2), i);
      count++;
    }
  }
  return count;
}

/**
 * Converts flat row-major positions (as nonzeroIndices writes them, ascending) into coordinate rows:
 * dst [n, ndim] (int32). meta (i32): shape[ndim], then ndim scratch words.
 */
export function unravelIndices(flat: usize, n: i32, ndim: i32, meta: usize, dst: usize): void {
  if (ndim == 0) return;
  const shapeP = meta;
  const counterP = meta + (<usize>ndim << 2);
  for (let d = 0; d < ndim; d++) store<i32>(counterP + (<usize>d << 2), 0);
  // The counter follows the ascending positions: step it forward by the difference each time; a big jump
  // is re-derived by division instead of stepping.
  let current = 0;
  for (let r = 0; r < n; r++) {
    const target = load<i32>(flat + (<usize>r << 2));
    const lastSize = load<i32>(shapeP + (<usize>(ndim - 1) << 2));
    const lastP = counterP + (<usize>(ndim - 1) << 2);
    const step = target - current;
    if (load<i32>(lastP) + step < lastSize) {
      store<i32>(lastP, load<i32>(lastP) + step);
    } else {
      let rest = target;
      for (let d = ndim - 1; d >= 0; d--) {
        const size = load<i32>(shapeP + (<usize>d << 2));
        store<i32>(counterP + (<usize>d << 2), rest % size);
        rest /= size;
      }
    }
    current = target;
    const row = dst + (<usize>r * <usize>ndim << 2);
    for (let d = 0; d < ndim; d++) store<i32>(row + (<usize>d << 2), load<i32>(counterP + (<usize>d << 2)));
  }
}
