/** Strided copy, fill and cast kernels (assembly/copy.ts). Pointers are byte addresses. */
export interface CopyKernels {
  heapBase(): number;
  copyStrided(elemBytes: number, src: number, dst: number, ndim: number, meta: number): void;
  copyStridedToStrided(elemBytes: number, src: number, dst: number, ndim: number, meta: number): void;
  fillF32(dst: number, n: number, value: number): void;
  fillF64(dst: number, n: number, value: number): void;
  fillI32(dst: number, n: number, value: number): void;
  fillU8(dst: number, n: number, value: number): void;
  cast(src: number, srcType: number, dst: number, dstType: number, n: number): void;
}
