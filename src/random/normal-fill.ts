/**
 * PyTorch's "normal_fill" transform (ATen `DistributionTemplates.h`), used for
 * contiguous normal samples of 16 or more elements: the buffer first holds
 * uniforms in [0, 1); each block of 16 is turned into 16 normals by Box–Muller,
 * pairing slot j (radius) with slot j + 8 (angle).
 */
import { fmaF32, fmaF64 } from './fused-multiply-add';
import { logF32, sinCosF32 } from './float32-math';

/** 2*pi rounded to float32, as the SIMD code broadcasts it. */
const TWO_PI_F32 = Math.fround(2 * Math.PI);

const sinCos = new Float64Array(2);

/**
 * Transforms the 16 uniforms at data[offset..offset+16) into normals with the
 * float32 SIMD path (`normal_fill_16_AVX2`): log and sincos in float32
 * (`avx_mathfun.h`), then `n * std + mean` as one fused multiply-add.
 * `mean` and `std` must already be float32 values.
 */
export function normalFill16F32(data: Float32Array, offset: number, mean: number, std: number): void {
  // With std 1 and mean 0 the final multiply-add is exact and can be skipped.
  const standard = std === 1 && mean === 0;
  for (let j = offset; j < offset + 8; j++) {
    // 1 - u maps [0, 1) to (0, 1] for the logarithm; exact in float32.
    const u1 = 1 - data[j];
    const radius = Math.fround(Math.sqrt(-2 * logF32(u1)));
    sinCosF32(Math.fround(TWO_PI_F32 * data[j + 8]), sinCos);
    const n1 = Math.fround(radius * sinCos[1]);
    const n2 = Math.fround(radius * sinCos[0]);
    data[j] = standard ? n1 : fmaF32(n1, std, mean);
    data[j + 8] = standard ? n2 : fmaF32(n2, std, mean);
  }
}

/**
 * The float64 version (`normal_fill_16<double>`): ordinary double math, with
 * `radius * cos(theta) * std + mean` ending in a fused multiply-add as the
 * compiler contracts it.
 */
export function normalFill16F64(data: Float64Array, offset: number, mean: number, std: number): void {
  const standard = std === 1 && mean === 0;
  for (let j = offset; j < offset + 8; j++) {
    const u1 = 1 - data[j];
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * data[j + 8];
    const n1 = radius * Math.cos(theta);
    const n2 = radius * Math.sin(theta);
    data[j] = standard ? n1 : fmaF64(n1, std, mean);
    data[j + 8] = standard ? n2 : fmaF64(n2, std, mean);
  }
}
