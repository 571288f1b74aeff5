// Packing for the blocked GEMM: copies a block of A or B into the order the microkernel reads, so that the
// k loop walks memory sequentially whatever the operand's strides (row-major, transposed or general strided:
// transposed operands cost no extra copy). Sources are read through byte strides.
//
// One routine serves both operands. A panel is `width` lines (A: MR rows; B: NR columns) by kc steps of k,
// written as dst[p * width + j] = src[j * lineStride + p * kStride]; lines past `lines` are zero, so the
// microkernel can always compute a full tile at the matrix edges.
import { lanes } from './simd';

/** Packs one panel. Strides in bytes; width is 4 or 8 for f32, 4 for f64 (so width * sizeof<T>() is 16 or 32). */
@inline
export function packPanel<T>(width: i32, lines: i32, kc: i32, src: usize, lineStride: usize, kStride: usize, dst: usize): void {
  const size = <usize>sizeof<T>();
  if (lines == width && lineStride == size) {
    // The lines of one k step are adjacent (row-major B, column-major A): copy width elements per step.
    const rowBytes = <usize>width * size;
    for (let p = 0; p < kc; p++) {
      v128.store(dst, v128.load(src));
      if (rowBytes == 32) v128.store(dst, v128.load(src, 16), 16);
      src += kStride;
      dst += rowBytes;
    }
    return;
  }
  if (lines == width && kStride == size) {
    // Each line is contiguous along k (row-major A, transposed B): transpose lanes x lanes blocks in registers.
    const step = lanes<T>();
    let p = 0;
    for (; p + step <= kc; p += step) {
      for (let g = 0; g < width; g += step) {
        transposeBlock<T>(src + <usize>g * lineStride + <usize>p * size, lineStride, dst + (<usize>(p * width + g) * size), <usize>width * size);
      }
    }
    if (p < kc) packScalar<T>(width, lines, kc - p, src + <usize>p * size, lineStride, kStride, dst + <usize>(p * width) * size);
    return;
  }
  packScalar<T>(width, lines, kc, src, lineStride, kStride, dst);
}

/** Element-by-element packing with zero padding (general strides, edge panels, k tails). */
@inline
function packScalar<T>(width: i32, lines: i32, kc: i32, src: usize, lineStride: usize, kStride: usize, dst: usize): void {
  const size = <usize>sizeof<T>();
  for (let p = 0; p < kc; p++) {
    let from = src;
    for (let j = 0; j < lines; j++) {
      store<T>(dst, load<T>(from));
      from += lineStride;
      dst += size;
    }
    for (let j = lines; j < width; j++) {
      store<T>(dst, <T>0);
      dst += size;
    }
    src += kStride;
  }
}

/**
 * Transposes a lanes x lanes block: lane-vectors read from `lanes` lines (each contiguous along k, lineStride
 * apart) become one vector per k step, written outStride apart. f32: the 4x4 transpose by two rounds of
 * interleaving shuffles; f64: the 2x2 transpose.
 */
@inline
function transposeBlock<T>(src: usize, lineStride: usize, dst: usize, outStride: usize): void {
  if (sizeof<T>() == 4) {
    const v0 = v128.load(src);
    const v1 = v128.load(src + lineStride);
    const v2 = v128.load(src + 2 * lineStride);
    const v3 = v128.load(src + 3 * lineStride);
    const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5); // a0 b0 a1 b1
    const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7); // a2 b2 a3 b3
    const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5); // c0 d0 c1 d1
    const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7); // c2 d2 c3 d3
    v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
    v128.store(dst + outStride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
    v128.store(dst + 2 * outStride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
    v128.store(dst + 3 * outStride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
  } else {
    const v0 = v128.load(src);
    const v1 = v128.load(src + lineStride);
    v128.store(dst, v128.shuffle<f64>(v0, v1, 0, 2));
    v128.store(dst + outStride, v128.shuffle<f64>(v0, v1, 1, 3));
  }
}
