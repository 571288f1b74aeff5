// SIMD helpers shared by the GEMM kernels, generic over the element type T (f32 -> f32x4, f64 -> f64x2).
// `sizeof<T>()` is a compile-time constant, so each branch folds away in the instantiated function.
// Fused multiply-add (relaxed_madd) is used only in the relaxed-SIMD binary; the baseline binary uses mul + add.

/** a * b + c, lanewise. */
@inline
export function vmadd<T>(a: v128, b: v128, c: v128): v128 {
  if (sizeof<T>() == 4) {
    if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
    return f32x4.add(f32x4.mul(a, b), c);
  }
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

@inline
export function vmul<T>(a: v128, b: v128): v128 {
  return sizeof<T>() == 4 ? f32x4.mul(a, b) : f64x2.mul(a, b);
}

@inline
export function vadd<T>(a: v128, b: v128): v128 {
  return sizeof<T>() == 4 ? f32x4.add(a, b) : f64x2.add(a, b);
}

@inline
export function vsplat<T>(x: T): v128 {
  return sizeof<T>() == 4 ? f32x4.splat(<f32>x) : f64x2.splat(<f64>x);
}

/** Sum of the lanes. */
@inline
export function vsum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    const pairs = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    return <T>(f32x4.extract_lane(pairs, 0) + f32x4.extract_lane(pairs, 1));
  }
  return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
}

/** Lanes per v128: 4 for f32, 2 for f64. */
@inline
export function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}
