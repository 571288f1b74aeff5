/**
 * Fused multiply-add `a * b + c` with a single rounding, in float32 and float64.
 *
 * PyTorch's CPU kernels are compiled with floating-point contraction, so a
 * multiply followed by an add often becomes one FMA instruction; reproducing
 * its numbers bit for bit needs the same single rounding. JavaScript has no
 * FMA instruction, so both are emulated exactly:
 * - float32: the product of two float32 values is exact in a double, and the
 *   double sum rounded to float32 is already correct except when it lands
 *   exactly halfway between two float32 values, which is detected and settled
 *   with the exact error of the sum. Exact for every finite result.
 * - float64: exact product and sum by Dekker's TwoProduct and Knuth's TwoSum,
 *   then "rounding to odd" (Boldo & Melquiond, "Emulation of FMA and correctly
 *   rounded sums: proved algorithms using rounding to odd", IEEE Trans.
 *   Computers 57(4), 2008). Exact whenever the result is a finite normal number
 *   and the factors are below 2^995; subnormal results may be off by one unit.
 */

// One float64 viewed as two 32-bit words, to step a value by one unit in the last place.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/** Veltkamp's splitting constant 2^27 + 1: splits a double into two halves of 26 bits. */
const SPLIT = 134217729;

/**
 * `x + y` rounded to odd (for `fmaF64`): the exact sum when representable,
 * otherwise whichever of its two neighbouring doubles has an odd last mantissa bit.
 */
function addRoundToOdd(x: number, y: number): number {
  const sum = x + y;
  // Knuth's TwoSum: `error` is the exact rounding error of `sum`.
  const yPart = sum - x;
  const error = x - (sum - yPart) + (y - yPart);
  if (error === 0) return sum;
  scratch[0] = sum;
  const low = words[LOW];
  if ((low & 1) === 1) return sum;
  if (error > 0 === sum > 0) {
    // The exact sum lies farther from zero: the next magnitude up is odd.
    words[LOW] = low | 1;
  } else if (low === 0) {
    // The next magnitude down, borrowing from the high word; its last bit is 1.
    words[LOW] = 0xffffffff;
    words[HIGH] = words[HIGH] - 1;
  } else {
    words[LOW] = low - 1;
  }
  return scratch[0];
}

/**
 * `a * b + c` rounded once to float32, for float32 inputs (values already
 * rounded with Math.fround). Only the sum can round twice, first to double and
 * then to float32; that changes the result only when the double sum lands
 * exactly halfway between two float32 values.
 */
export function fmaF32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const rounded = Math.fround(sum);
  const offset = sum - rounded; // exact
  // `sum + offset` (exact) is a float32 value only when `sum` is a float32 value
  // (offset 0) or the midpoint between `rounded` and the neighbour `mirrored`.
  const mirrored = sum + offset;
  if (Math.fround(mirrored) !== mirrored || offset === 0) return rounded;
  // Rare from here on. An overflow to infinity is final.
  if (!Number.isFinite(rounded)) return rounded;
  const cPart = sum - product;
  const error = product - (sum - cPart) + (c - cPart);
  if (error === 0) return rounded; // a true tie: Math.fround rounded it to even
  return error > 0 === offset > 0 ? mirrored : rounded;
}

/** `a * b + c` rounded once to float64. */
export function fmaF64(a: number, b: number, c: number): number {
  const product = a * b;
  const sumHigh = c + product;
  // Non-finite results need no emulation; beyond 2^995 the splitting below would overflow.
  if (!Number.isFinite(sumHigh) || Math.abs(a) > 2 ** 995 || Math.abs(b) > 2 ** 995) return sumHigh;
  // Dekker's TwoProduct: product + productError == a * b exactly.
  let t = SPLIT * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLIT * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  const productError = aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
  // TwoSum: sumHigh + sumLow == c + product exactly.
  const productPart = sumHigh - c;
  const sumLow = c - (sumHigh - productPart) + (product - productPart);
  return sumHigh + addRoundToOdd(sumLow, productError);
}
