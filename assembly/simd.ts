// Generic SIMD helpers shared by the kernel families, over the element type T (f32 -> f32x4, f64 -> f64x2; lanes
// also for integer types). `sizeof<T>()` is a compile-time constant, so each branch folds away in the instantiated
// function. Plain lane arithmetic needs no helper: the generic builtins (v128.add<T>, v128.mul<T>, v128.splat<T>...)
// already pick the instruction. Not exported from the module: nothing here is a kernel.

/** Lanes of T in one v128: 4 for f32 and i32, 2 for f64, 16 for u8. */
@inline
export function lanes<T>(): i32 {
  return <i32>(16 / sizeof<T>());
}

/**
 * a * b + c on f32 or f64 lanes. The relaxed-SIMD binary may fuse it (relaxed_madd: one rounding), the baseline
 * binary rounds twice; never use it where an exact product is needed.
 */
@inline
export function vmadd<T>(a: v128, b: v128, c: v128): v128 {
  if (sizeof<T>() == 4) {
    if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
    return f32x4.add(f32x4.mul(a, b), c);
  }
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

/** Sum of the f32 or f64 lanes. */
@inline
export function vsum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    const pairs = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    return <T>(f32x4.extract_lane(pairs, 0) + f32x4.extract_lane(pairs, 1));
  }
  return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
}
