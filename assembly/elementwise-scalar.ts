// Scalar helpers of the binary op classes (elementwise-binary.ts applies them lane by lane): float modulo and floor
// division, the int32 division family (wrapping arithmetic, as C++ int) and the division-by-zero flag it sets. No
// SIMD instruction exists for these. `%` on floats is AssemblyScript's exact fmod.

@final @unmanaged export class FmodScalar<T> {
  @inline apply(a: T, b: T): T {
    return a % b;
  }
}
/** Python's modulo: the sign of the divisor (PyTorch's remainder). */
@final @unmanaged export class RemainderScalar<T> {
  @inline apply(a: T, b: T): T {
    let mod = a % b;
    if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
    return mod;
  }
}
/** PyTorch's div_floor_floating: the quotient from fmod so that floor(a / b) is exact even when a / b rounds. */
@final @unmanaged export class FloorDivideScalar<T> {
  @inline apply(a: T, b: T): T {
    if (b == 0) return a / b;
    const mod = a % b;
    let div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    if (div == 0) return copysign<T>(<T>0, a / b);
    let floorDiv = floor<T>(div);
    if (div - floorDiv > <T>0.5) floorDiv += 1;
    return floorDiv;
  }
}

/** Set by integer division and modulo when a divisor is zero; kernels clear it first and return it to the host. */
let divisionByZero: i32 = 0;

export function clearDivisionByZero(): void {
  divisionByZero = 0;
}

export function sawDivisionByZero(): i32 {
  return divisionByZero;
}

/** Exponentiation by squaring; negative exponents give 1 for base 1, +-1 for base -1, else 0 (PyTorch's powi). */
@final @unmanaged export class IntPowScalar {
  @inline apply(a: i32, b: i32): i32 {
    if (b < 0) {
      if (a == 1) return 1;
      if (a == -1) return (b & 1) != 0 ? -1 : 1;
      return 0;
    }
    let result: i32 = 1;
    let base = a;
    let e = b;
    while (e != 0) {
      if ((e & 1) != 0) result *= base;
      base *= base;
      e >>>= 1;
    }
    return result;
  }
}
/** Truncating quotient; wraps for INT_MIN / -1 instead of trapping. */
@inline
function truncDivide(a: i32, b: i32): i32 {
  if (b == 0) {
    divisionByZero = 1;
    return 0;
  }
  if (b == -1) return -a;
  return a / b;
}
@final @unmanaged export class IntTruncDivideScalar {
  @inline apply(a: i32, b: i32): i32 {
    return truncDivide(a, b);
  }
}
@final @unmanaged export class IntFloorDivideScalar {
  @inline apply(a: i32, b: i32): i32 {
    const quotient = truncDivide(a, b);
    if (b != 0 && (a < 0) != (b < 0) && quotient * b != a) return quotient - 1;
    return quotient;
  }
}
@final @unmanaged export class IntFmodScalar {
  @inline apply(a: i32, b: i32): i32 {
    if (b == 0) {
      divisionByZero = 1;
      return 0;
    }
    return a % b; // wasm's rem_s gives 0 for INT_MIN % -1
  }
}
@final @unmanaged export class IntRemainderScalar {
  @inline apply(a: i32, b: i32): i32 {
    if (b == 0) {
      divisionByZero = 1;
      return 0;
    }
    let r = a % b;
    if (r != 0 && (r < 0) != (b < 0)) r += b;
    return r;
  }
}
