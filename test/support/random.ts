// Deterministic pseudo-random numbers for generated test cases, so that every run (and every failure) repeats.

/** Uniform numbers in [0, 1) from mulberry32 (a 32-bit state advanced by a Weyl step, then mixed). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n values uniform in [-1, 1) from mulberry32(seed). */
export function signedUniforms(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => random() * 2 - 1);
}

/** Uniform numbers in [0, 1) from the linear congruential generator s -> 1664525 s + 1013904223 (mod 2^32). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A permutation of 0..n-1 (Fisher-Yates with the given generator). */
export function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
