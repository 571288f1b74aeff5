// The libraries wasmgrad is compared with, loaded only when installed (they are development dependencies), so a
// benchmark still runs, with fewer columns, without them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function optional(name) {
  try {
    return require(name);
  } catch {
    return null;
  }
}

let tfjs;

/**
 * TensorFlow.js core with the cpu and wasm backends registered, or null when not installed. Backends are switched
 * with useTfjsBackend; a tensor belongs to the backend that was active when it was created.
 */
export function loadTfjs() {
  if (tfjs !== undefined) return tfjs;
  const tf = optional('@tensorflow/tfjs-core');
  if (tf === null) return (tfjs = null);
  const backends = [];
  if (optional('@tensorflow/tfjs-backend-cpu') !== null) backends.push('cpu');
  if (optional('@tensorflow/tfjs-backend-wasm') !== null) backends.push('wasm');
  tfjs = { tf, backends };
  return tfjs;
}

/** Activates a TensorFlow.js backend ('cpu' or 'wasm'); resolves to false when it is not available. */
export async function useTfjsBackend(name) {
  const loaded = loadTfjs();
  if (loaded === null || !loaded.backends.includes(name)) return false;
  const ok = await loaded.tf.setBackend(name);
  await loaded.tf.ready();
  return ok;
}

/** ml-matrix's Matrix class, or null when not installed. */
export function loadMlMatrix() {
  const lib = optional('ml-matrix');
  return lib === null ? null : lib.Matrix;
}
