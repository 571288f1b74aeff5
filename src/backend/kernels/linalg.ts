/** Linear-algebra kernels (assembly/linalg.ts), float64. Pointers are byte addresses. */
export interface LinalgKernels {
  jacobiSvdF64(w: number, k: number, len: number, v: number, maxSweeps: number): number;
  orthonormalCompleteF64(q: number, have: number, rows: number, dim: number): void;
}
