// Typed views over linear memory. memory.grow replaces the buffer, so views are re-created lazily when it changed:
// call these right before use and never keep the result across an allocation.
import { memory } from './wasm';

let buffer: ArrayBuffer = memory.buffer;
let f32 = new Float32Array(buffer);
let f64 = new Float64Array(buffer);
let i32 = new Int32Array(buffer);
let u8 = new Uint8Array(buffer);

function refresh(): void {
  buffer = memory.buffer;
  f32 = new Float32Array(buffer);
  f64 = new Float64Array(buffer);
  i32 = new Int32Array(buffer);
  u8 = new Uint8Array(buffer);
}

export function heapF32(): Float32Array {
  if (memory.buffer !== buffer) refresh();
  return f32;
}
export function heapF64(): Float64Array {
  if (memory.buffer !== buffer) refresh();
  return f64;
}
export function heapI32(): Int32Array {
  if (memory.buffer !== buffer) refresh();
  return i32;
}
export function heapU8(): Uint8Array {
  if (memory.buffer !== buffer) refresh();
  return u8;
}
