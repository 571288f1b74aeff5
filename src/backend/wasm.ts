// Loads the kernels: picks the relaxed-SIMD binary when the engine validates it, else baseline SIMD128.
// Both binaries are embedded as base64 so that no bundler, server or file path is involved.
import { relaxedSimdWasmBase64, simdWasmBase64 } from './generated/wasm-binaries';
import type { Kernels } from './kernels';

export interface BackendInfo {
  /** 'relaxed-simd' (fused multiply-add) or 'simd128'. */
  binary: 'relaxed-simd' | 'simd128';
  /** Size of the running binary in bytes. */
  wasmBytes: number;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const relaxedBytes = decodeBase64(relaxedSimdWasmBase64);
const useRelaxed = WebAssembly.validate(relaxedBytes);
const chosenBytes = useRelaxed ? relaxedBytes : decodeBase64(simdWasmBase64);
if (!WebAssembly.validate(chosenBytes)) {
  throw new Error('wasmgrad needs WebAssembly SIMD128 (Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+); this engine does not validate it');
}

/** Linear memory owned by the host allocator; the module imports it. 65536 pages = 4 GiB, the wasm32 limit. */
export const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });

const { instance } = await WebAssembly.instantiate(chosenBytes, {
  env: {
    memory,
    abort(_message: number, _file: number, line: number, column: number): void {
      throw new Error(`wasmgrad kernel aborted at ${line}:${column}`);
    },
  },
});

/** The raw kernel exports: numeric arguments only (byte pointers, sizes, dtype codes). */
export const kernels = instance.exports as unknown as Kernels;

const info: BackendInfo = { binary: useRelaxed ? 'relaxed-simd' : 'simd128', wasmBytes: chosenBytes.length };

/** Which kernel binary this process runs. */
export function backendInfo(): BackendInfo {
  return { ...info };
}
