// Benchmark inputs: the same deterministic values for every library and every run.

/**
 * `count` float32 values in [-1, 1) from a fixed linear congruential sequence (s -> 1664525 s + 1013904223 mod 2^32):
 * real data, so that no page of the input is the shared zero page.
 */
export function lcgValues(count, seed) {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** A wasmgrad tensor of `shape` holding `data` (the package's `tensor`, passed in so that lib/ imports no build). */
export function tensorFromArray(data, shape, tensor) {
  const flat = tensor(data);
  const shaped = flat.reshape(shape);
  flat.dispose();
  return shaped;
}
