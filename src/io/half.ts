// Decoding of 16-bit floats (IEEE binary16 and bfloat16) to float32.

let halfTable: Float32Array | null = null;

/** float32 value of every binary16 bit pattern (built on first use: 256 KiB). */
function table(): Float32Array {
  if (halfTable !== null) return halfTable;
  const t = new Float32Array(65536);
  const tBits = new Uint32Array(t.buffer);
  for (let bits = 0; bits < 65536; bits++) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    if (exponent === 0) t[bits] = sign * mantissa * 2 ** -24; // zero and subnormals
    else if (exponent === 31) tBits[bits] = ((bits & 0x8000) << 16) | 0x7f800000 | (mantissa << 13); // infinities, NaN payloads kept
    else t[bits] = sign * (1024 + mantissa) * 2 ** (exponent - 25);
  }
  halfTable = t;
  return t;
}

/** Converts n little-endian binary16 values starting at byte `offset` of `src` into out (exact: float32 holds them all). */
export function decodeFloat16(src: DataView, offset: number, out: Float32Array): void {
  const t = table();
  for (let i = 0; i < out.length; i++) out[i] = t[src.getUint16(offset + 2 * i, true)];
}

/** Converts little-endian bfloat16 values (the top 16 bits of a float32) into out, bit-exactly. */
export function decodeBFloat16(src: DataView, offset: number, out: Float32Array): void {
  const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < out.length; i++) bits[i] = src.getUint16(offset + 2 * i, true) << 16;
}
