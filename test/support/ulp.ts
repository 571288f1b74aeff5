// Distances between floating point numbers in units in the last place.

const f32Bits = new Float32Array(1);
const f32Word = new Int32Array(f32Bits.buffer);

/** Position of a float32 value on the ordered line of all float32 values (+0 and -0 coincide). */
export function float32Ordinal(x: number): number {
  f32Bits[0] = x;
  const w = f32Word[0];
  return w < 0 ? -(w & 0x7fffffff) : w;
}

/** How many float32 values apart a and b are; NaN only matches NaN, and an infinity only itself. */
export function ulpDistanceF32(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b ? 0 : Infinity;
  return Math.abs(float32Ordinal(a) - float32Ordinal(b));
}

const f64Bits = new Float64Array(1);
const f64Word = new BigInt64Array(f64Bits.buffer);

/** Position of a float64 value on the ordered line of all float64 values (+0 and -0 coincide). */
export function float64Ordinal(x: number): bigint {
  f64Bits[0] = x;
  const w = f64Word[0];
  return w < 0n ? -(w & 0x7fffffffffffffffn) : w;
}

/** How many float64 values apart a and b are; NaN only matches NaN, and an infinity only itself. */
export function ulpDistanceF64(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b ? 0 : Infinity;
  const d = float64Ordinal(a) - float64Ordinal(b);
  return Number(d < 0n ? -d : d);
}
