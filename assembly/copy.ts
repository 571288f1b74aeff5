// Strided copy (the kernel behind contiguous(), permutes, einops and im2col), fills and dtype casts.
// Pointers are byte addresses into host-owned memory; shapes and strides are element counts.

/**
 * Gathers a strided view into a contiguous destination.
 * meta (i32): shape[ndim], srcStrides[ndim], then ndim scratch words for the index counter.
 * The host merges adjacent dimensions first, so ndim is small and the innermost run is as long as possible.
 * Three inner paths: a contiguous run (bulk memory.copy), a last-two-dims transpose (tiled so that
 * both the reads and the writes stay within a few cache lines), and a general strided loop.
 */
export function copyStrided(elemBytes: i32, src: usize, dst: usize, ndim: i32, meta: usize): void {
  if (ndim == 0) {
    memory.copy(dst, src, elemBytes);
    return;
  }
  const shapeP = meta;
  const strideP = meta + (<usize>ndim << 2);
  const counterP = strideP + (<usize>ndim << 2);
  const inner = load<i32>(shapeP + (<usize>(ndim - 1) << 2));
  const innerStride = load<i32>(strideP + (<usize>(ndim - 1) << 2));
  if (ndim >= 2 && innerStride != 1 && load<i32>(strideP + (<usize>(ndim - 2) << 2)) == 1) {
    transposeBlocks(elemBytes, src, dst, ndim, shapeP, strideP, counterP);
    return;
  }
  let total: i32 = 1;
  for (let d = 0; d < ndim - 1; d++) {
    total *= load<i32>(shapeP + (<usize>d << 2));
    store<i32>(counterP + (<usize>d << 2), 0);
  }
  const runBytes = <usize>inner * elemBytes;
  let srcOffset: isize = 0; // in elements
  let out = dst;
  for (let r = 0; r < total; r++) {
    const from = src + <usize>(srcOffset * elemBytes);
    if (innerStride == 1) memory.copy(out, from, runBytes);
    else if (elemBytes == 4) gather32(out, from, inner, innerStride);
    else if (elemBytes == 8) gather64(out, from, inner, innerStride);
    else gather8(out, from, inner, innerStride);
    out += runBytes;
    srcOffset = advance(ndim - 2, shapeP, strideP, counterP, srcOffset);
  }
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

@inline
function gather32(out: usize, from: usize, n: i32, stride: i32): void {
  const step = <usize>stride << 2;
  for (let i = 0; i < n; i++) {
    store<u32>(out + (<usize>i << 2), load<u32>(from));
    from += step;
  }
}

@inline
function gather64(out: usize, from: usize, n: i32, stride: i32): void {
  const step = <usize>stride << 3;
  for (let i = 0; i < n; i++) {
    store<u64>(out + (<usize>i << 3), load<u64>(from));
    from += step;
  }
}

@inline
function gather8(out: usize, from: usize, n: i32, stride: i32): void {
  for (let i = 0; i < n; i++) {
    store<u8>(out + <usize>i, load<u8>(from));
    from += <usize>stride;
  }
}

const TILE: i32 = 16;

/**
 * Copy where the source's second-to-last dim has stride 1 and the last does not: a 2-D transpose per outer index.
 * Processed in TILE x TILE blocks (reads walk down source columns, writes walk along destination rows).
 */
function transposeBlocks(elemBytes: i32, src: usize, dst: usize, ndim: i32, shapeP: usize, strideP: usize, counterP: usize): void {
  const rows = load<i32>(shapeP + (<usize>(ndim - 2) << 2)); // destination rows: source stride 1
  const cols = load<i32>(shapeP + (<usize>(ndim - 1) << 2));
  const colStride = load<i32>(strideP + (<usize>(ndim - 1) << 2));
  let outer: i32 = 1;
  for (let d = 0; d < ndim - 2; d++) {
    outer *= load<i32>(shapeP + (<usize>d << 2));
    store<i32>(counterP + (<usize>d << 2), 0);
  }
  const eb = <usize>elemBytes;
  let srcOffset: isize = 0;
  let out = dst;
  for (let o = 0; o < outer; o++) {
    const base = src + <usize>(srcOffset * elemBytes);
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = min(i0 + TILE, rows);
      for (let j0 = 0; j0 < cols; j0 += TILE) {
        const j1 = min(j0 + TILE, cols);
        for (let i = i0; i < i1; i++) {
          const rowOut = out + <usize>(i * cols) * eb;
          const rowIn = base + <usize>i * eb;
          if (elemBytes == 4) {
            for (let j = j0; j < j1; j++) store<u32>(rowOut + (<usize>j << 2), load<u32>(rowIn + (<usize>(j * colStride) << 2)));
          } else if (elemBytes == 8) {
            for (let j = j0; j < j1; j++) store<u64>(rowOut + (<usize>j << 3), load<u64>(rowIn + (<usize>(j * colStride) << 3)));
          } else {
            for (let j = j0; j < j1; j++) store<u8>(rowOut + <usize>j, load<u8>(rowIn + <usize>(j * colStride)));
          }
        }
      }
    }
    out += <usize>(rows * cols) * eb;
    srcOffset = advance(ndim - 3, shapeP, strideP, counterP, srcOffset);
  }
}

export function fillF32(dst: usize, n: i32, value: f32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v);
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), value);
}

export function fillF64(dst: usize, n: i32, value: f64): void {
  const v = f64x2.splat(value);
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(dst + (<usize>i << 3), v);
  for (; i < n; i++) store<f64>(dst + (<usize>i << 3), value);
}

export function fillI32(dst: usize, n: i32, value: i32): void {
  const v = i32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v);
  for (; i < n; i++) store<i32>(dst + (<usize>i << 2), value);
}

export function fillU8(dst: usize, n: i32, value: u8): void {
  memory.fill(dst, value, <usize>n);
}

// dtype codes shared with the host: 0 float32, 1 float64, 2 int32, 3 bool (u8).
/** Contiguous cast with PyTorch's semantics: float -> int truncates toward zero, anything -> bool is (x != 0). */
export function cast(src: usize, srcType: i32, dst: usize, dstType: i32, n: i32): void {
  for (let i = 0; i < n; i++) {
    let v: f64;
    if (srcType == 0) v = <f64>load<f32>(src + (<usize>i << 2));
    else if (srcType == 1) v = load<f64>(src + (<usize>i << 3));
    else if (srcType == 2) v = <f64>load<i32>(src + (<usize>i << 2));
    else v = <f64>load<u8>(src + <usize>i);
    if (dstType == 0) store<f32>(dst + (<usize>i << 2), <f32>v);
    else if (dstType == 1) store<f64>(dst + (<usize>i << 3), v);
    else if (dstType == 2) store<i32>(dst + (<usize>i << 2), isFinite(v) ? <i32>v : i32.MIN_VALUE);
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
  const inner = load<i32>(shapeP + (<usize>(ndim - 1) << 2));
  const sIn = load<i32>(srcStrideP + (<usize>(ndim - 1) << 2));
  const dIn = load<i32>(dstStrideP + (<usize>(ndim - 1) << 2));
  let total: i32 = 1;
  for (let d = 0; d < ndim - 1; d++) {
    total *= load<i32>(shapeP + (<usize>d << 2));
    store<i32>(counterP + (<usize>d << 2), 0);
  }
  const eb = <usize>elemBytes;
  let srcOffset: isize = 0;
  let dstOffset: isize = 0;
  for (let r = 0; r < total; r++) {
    let from = src + <usize>(srcOffset * elemBytes);
    let to = dst + <usize>(dstOffset * elemBytes);
    if (sIn == 1 && dIn == 1) memory.copy(to, from, <usize>inner * eb);
    else {
      const fromStep = <usize>sIn * eb;
      const toStep = <usize>dIn * eb;
      for (let i = 0; i < inner; i++) {
        if (elemBytes == 4) store<u32>(to, load<u32>(from));
        else if (elemBytes == 8) store<u64>(to, load<u64>(from));
        else store<u8>(to, load<u8>(from));
        from += fromStep;
        to += toStep;
      }
    }
    // Odometer over the outer dims, moving both offsets.
    for (let d = ndim - 2; d >= 0; d--) {
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
