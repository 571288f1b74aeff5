/**
 * The two shuffles behind PyTorch's CPU `randperm` (ATen `TensorFactories.cpp`,
 * `randperm_cpu`). Both fill `out` with a permutation of 0..out.length-1.
 */
import type { MT19937 } from './mt19937';

/**
 * PyTorch keeps its original shuffle for n below `UINT32_MAX / 20` (integer
 * division); from there on `random() % n` would be visibly biased, so it
 * switches to 64-bit draws.
 */
export const SWAP_FORWARD_LIMIT = Math.floor(0xffffffff / 20);

/**
 * Start from the identity; for i in 0..n-2 swap position i with position
 * i + (random() % (n - i)).
 */
export function shuffleSwapForward(out: Int32Array, engine: MT19937): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = i + (engine.nextU32() % (n - i));
    const saved = out[i];
    out[i] = out[z];
    out[z] = saved;
  }
}

/**
 * The "inside-out" Fisher–Yates shuffle: for i in 0..n-1, z = random64() % (i + 1),
 * out[i] = out[z], out[z] = i. random64() is two draws, the first the high word.
 */
export function shuffleInsideOut(out: Int32Array, engine: MT19937): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const high = engine.nextU32();
    const low = engine.nextU32();
    const z = uint64Mod(high, low, i + 1);
    out[i] = out[z];
    out[z] = i;
  }
}

/**
 * (high * 2^32 + low) mod m for m <= 2^31, in exact double arithmetic:
 * the high word is reduced and shifted 16 bits at a time so that no
 * intermediate exceeds 2^53.
 */
function uint64Mod(high: number, low: number, m: number): number {
  let r = high % m;
  r = (r * 65536) % m;
  r = (r * 65536) % m;
  return (r + low) % m;
}
