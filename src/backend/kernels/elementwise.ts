/**
 * Elementwise kernels (assembly/elementwise-*.ts). Pointers are byte addresses, strides and sizes count elements,
 * op codes come from abi/elementwise-ops.ts. `meta` points at int32 words written by packInts: for the
 * broadcast kernels shape[ndim], one stride set per input (0 on broadcast dims), then ndim scratch words.
 */
export interface ElementwiseKernels {
  /** out[i] = f(x[i]) over n contiguous elements (x may equal out); p, q are the op's parameters. */
  unaryF32(op: number, x: number, out: number, n: number, p: number, q: number): void;
  unaryF64(op: number, x: number, out: number, n: number, p: number, q: number): void;
  unaryI32(op: number, x: number, out: number, n: number, p: number, q: number): void;
  /** Bool bytes: out[i] = !x[i]. */
  logicalNotU8(x: number, out: number, n: number): void;

  /** One row: out[i] = a[i * aStride] op b[i * bStride]; p is the op's parameter (alpha of ADD_SCALED). */
  binaryF32(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number, p: number): void;
  binaryF64(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number, p: number): void;
  /** Returns 1 when an integer division or modulo met a zero divisor. */
  binaryI32(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number, p: number): number;
  /** Logical and/or/xor of bool bytes. */
  binaryU8(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number): void;

  /** Broadcasting: meta = shape[ndim], aStrides[ndim], bStrides[ndim], scratch[ndim]; out is contiguous. */
  binaryNdF32(op: number, a: number, b: number, out: number, ndim: number, meta: number, p: number): void;
  binaryNdF64(op: number, a: number, b: number, out: number, ndim: number, meta: number, p: number): void;
  binaryNdI32(op: number, a: number, b: number, out: number, ndim: number, meta: number, p: number): number;
  binaryNdU8(op: number, a: number, b: number, out: number, ndim: number, meta: number): void;

  /** Comparisons with bool (byte 0/1) output; same layouts as the binary kernels. */
  compareF32(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number): void;
  compareF64(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number): void;
  compareI32(op: number, a: number, aStride: number, b: number, bStride: number, out: number, n: number): void;
  compareNdF32(op: number, a: number, b: number, out: number, ndim: number, meta: number): void;
  compareNdF64(op: number, a: number, b: number, out: number, ndim: number, meta: number): void;
  compareNdI32(op: number, a: number, b: number, out: number, ndim: number, meta: number): void;

  /**
   * Ternary float ops (assembly/elementwise-ternary.ts), one row: out[i] = f(a[i * aStride], b[i * bStride],
   * c[i * cStride]); p is the op's scalar (value of addcmul / addcdiv).
   */
  ternaryF32(op: number, a: number, aStride: number, b: number, bStride: number, c: number, cStride: number, out: number, n: number, p: number): void;
  ternaryF64(op: number, a: number, aStride: number, b: number, bStride: number, c: number, cStride: number, out: number, n: number, p: number): void;
  /** Broadcasting: meta = shape[ndim], aStrides[ndim], bStrides[ndim], cStrides[ndim], scratch[ndim]; out is contiguous. */
  ternaryNdF32(op: number, a: number, b: number, c: number, out: number, ndim: number, meta: number, p: number): void;
  ternaryNdF64(op: number, a: number, b: number, c: number, out: number, ndim: number, meta: number, p: number): void;

  /**
   * out = cond ? a : b with broadcasting for elements of elemBytes (1, 4 or 8) bytes; cond holds bool bytes.
   * meta = shape[ndim], condStrides[ndim], aStrides[ndim], bStrides[ndim], scratch[ndim].
   */
  whereNd(elemBytes: number, cond: number, a: number, b: number, out: number, ndim: number, meta: number): void;
}
