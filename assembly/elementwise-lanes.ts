// Lane access for the elementwise drivers, generic over the element type T (f32, f64 or i32 lanes of a v128).
// A partial vector holds the last n % lanes elements of a row (or a strided gather); its unused lanes repeat lane 0,
// so every lane always holds a real operand (no spurious NaN or division by zero). Tails and strided rows therefore
// run the same vector code as the main loop, and an element's result never depends on its position.

/** Up to lanes<T>() elements from p, p + stride, ... (stride in elements); `count` >= 1 of them are real. */
@inline
export function loadLanes<T>(p: usize, stride: isize, count: i32): v128 {
  const step = <usize>(stride * sizeof<T>());
  if (sizeof<T>() == 8) {
    let v = i64x2.splat(load<i64>(p));
    if (count > 1) v = i64x2.replace_lane(v, 1, load<i64>(p + step));
    return v;
  }
  let v = i32x4.splat(load<i32>(p));
  if (count > 1) v = i32x4.replace_lane(v, 1, load<i32>(p + step));
  if (count > 2) v = i32x4.replace_lane(v, 2, load<i32>(p + step * 2));
  if (count > 3) v = i32x4.replace_lane(v, 3, load<i32>(p + step * 3));
  return v;
}

/** Stores the first `count` lanes of v contiguously at p. */
@inline
export function storeLanes<T>(p: usize, v: v128, count: i32): void {
  if (sizeof<T>() == 8) {
    store<i64>(p, i64x2.extract_lane(v, 0));
    if (count > 1) store<i64>(p + 8, i64x2.extract_lane(v, 1));
    return;
  }
  store<i32>(p, i32x4.extract_lane(v, 0));
  if (count > 1) store<i32>(p + 4, i32x4.extract_lane(v, 1));
  if (count > 2) store<i32>(p + 8, i32x4.extract_lane(v, 2));
  if (count > 3) store<i32>(p + 12, i32x4.extract_lane(v, 3));
}

/** Stores the first `count` lanes of a comparison mask (all-ones lanes) as bytes 1/0 at p. */
@inline
export function storeMaskBytes<T>(p: usize, mask: v128, count: i32): void {
  let m32 = mask;
  if (sizeof<T>() == 8) m32 = v128.shuffle<i32>(mask, mask, 0, 2, 0, 2);
  const bytes = v128.and(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m32, m32), i16x8.splat(0)), i8x16.splat(1));
  if (count == 4) {
    v128.store32_lane(p, bytes, 0);
    return;
  }
  store<u8>(p, i8x16.extract_lane_u(bytes, 0));
  if (count > 1) store<u8>(p + 1, i8x16.extract_lane_u(bytes, 1));
  if (count > 2) store<u8>(p + 2, i8x16.extract_lane_u(bytes, 2));
}

/** A scalar parameter of the op broadcast to every lane, converted to T. */
@inline
export function splatParam<T>(p: f64): v128 {
  if (sizeof<T>() == 8) return f64x2.splat(p);
  if (isFloat<T>()) return f32x4.splat(<f32>p);
  return i32x4.splat(<i32>p);
}
