// where: out = cond ? a : b with broadcasting, cond as bool bytes (0/1), over the drivers in elementwise-drivers.ts.
import { at, broadcastRows } from './elementwise-drivers';

/** out[i] = cond[i] ? a[i] : b[i] for one row of elements of E; a vector select when all strides are 1. */
@inline
function whereRow<E>(c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  let i = 0;
  if (sizeof<E>() == 4 && sc == 1 && sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const bytes = v128.load32_zero(c + <usize>i);
      const mask = i32x4.ne(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes)), i32x4.splat(0));
      const off = <usize>i << 2;
      v128.store(out + off, v128.bitselect(v128.load(a + off), v128.load(b + off), mask));
    }
  }
  for (; i < n; i++) {
    const pick = load<u8>(at<u8>(c, i, sc)) != 0;
    store<E>(out + <usize>i * sizeof<E>(), pick ? load<E>(at<E>(a, i, sa)) : load<E>(at<E>(b, i, sb)));
  }
}

/** Row dispatcher for broadcastRows: the condition is the c operand; there is no op code. */
@final @unmanaged class WhereRows<E> {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    whereRow<E>(c, sc, a, sa, b, sb, out, n);
  }
}

/**
 * out = cond ? a : b with broadcasting, for elements of elemBytes (1, 4 or 8) bytes; cond holds bool bytes.
 * meta (i32): shape[ndim], condStrides[ndim], aStrides[ndim], bStrides[ndim], then ndim counter words.
 */
export function whereNd(elemBytes: i32, cond: usize, a: usize, b: usize, out: usize, ndim: i32, meta: usize): void {
  const none = i32x4.splat(0);
  if (elemBytes == 4) broadcastRows<u32, u32, WhereRows<u32>>(true, 0, cond, a, b, out, ndim, meta, none);
  else if (elemBytes == 8) broadcastRows<u64, u64, WhereRows<u64>>(true, 0, cond, a, b, out, ndim, meta, none);
  else broadcastRows<u8, u8, WhereRows<u8>>(true, 0, cond, a, b, out, ndim, meta, none);
}
