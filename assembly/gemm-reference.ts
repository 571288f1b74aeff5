// The scalar reference GEMM: the plain triple loop, one product at a time in the element type, in k order.
// Tests compare the SIMD kernels against it; it shares no code with them.

export function gemmReference<T>(
  m: i32, n: i32, k: i32, alpha: T,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  beta: T, c: usize, ldc: i32,
): void {
  const size = <usize>sizeof<T>();
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s: T = 0;
      for (let p = 0; p < k; p++) {
        s += load<T>(a + (<usize>i * <usize>rsA + <usize>p * <usize>csA) * size) *
          load<T>(b + (<usize>p * <usize>rsB + <usize>j * <usize>csB) * size);
      }
      const at = c + (<usize>i * <usize>ldc + <usize>j) * size;
      // BLAS: alpha == 0 does not read A and B, beta == 0 does not read C
      if (alpha == 0) store<T>(at, beta == 0 ? <T>0 : beta * load<T>(at));
      else store<T>(at, beta == 0 ? alpha * s : alpha * s + beta * load<T>(at));
    }
  }
}
