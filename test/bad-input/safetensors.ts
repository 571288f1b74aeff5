// Malformed safetensors input: not bytes at all, truncated files, headers that are not the format's JSON, and
// tensors whose descriptions do not fit the data. Nothing is allocated for a file that is refused.
import { SafetensorsError, loadSafetensors, readSafetensorsHeader, saveSafetensors, zeros } from '../../src/index';
import { badCall, badCallOn, type BadCall } from './entry';

/** A file with this header text (its length prefixed as the format says) and `dataBytes` zero bytes of data. */
function file(header: string, dataBytes = 0): Uint8Array {
  const text = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + text.length + dataBytes);
  new DataView(bytes.buffer).setUint32(0, text.length, true);
  bytes.set(text, 8);
  return bytes;
}

const oneTensor = (description: object, dataBytes: number) => file(JSON.stringify({ a: description }), dataBytes);

export const safetensorsCalls: BadCall[] = [
  badCall('loadSafetensors: a string', () => loadSafetensors('model.safetensors' as never), TypeError,
    'loadSafetensors(): expected the file as a Uint8Array or ArrayBuffer, got string'),
  badCall('loadSafetensors: null', () => loadSafetensors(null as never), TypeError, 'loadSafetensors(): expected the file as a Uint8Array or ArrayBuffer, got null'),
  badCall('loadSafetensors: a number array', () => loadSafetensors([1, 2, 3] as never), TypeError,
    'loadSafetensors(): expected the file as a Uint8Array or ArrayBuffer, got Array'),
  badCall('readSafetensorsHeader: undefined', () => readSafetensorsHeader(undefined as never), TypeError,
    'readSafetensorsHeader(): expected the file as a Uint8Array or ArrayBuffer, got undefined'),
  badCall('loadSafetensors: 3 bytes', () => loadSafetensors(new Uint8Array([1, 2, 3])), SafetensorsError,
    'file of 3 bytes is too small: a safetensors file starts with an 8-byte header length'),
  badCall('loadSafetensors: a header length of 2^32 - 1', () => loadSafetensors(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0, 1])), SafetensorsError,
    'header length 4294967295 exceeds the limit of 100000000 bytes'),
  badCall('loadSafetensors: a header that runs past the end', () => loadSafetensors(file('{}').subarray(0, 9)), SafetensorsError,
    'header length 2 runs past the end of the file (9 bytes, so at most 1)'),
  badCall('loadSafetensors: a header that is not JSON', () => loadSafetensors(file('{bad')), SafetensorsError, 'header is not valid JSON'),
  badCall('loadSafetensors: a JSON array as header', () => loadSafetensors(file('[1]')), SafetensorsError, 'header must be a JSON object'),
  badCall('loadSafetensors: an unknown dtype', () => loadSafetensors(oneTensor({ dtype: 'Q8', shape: [1], data_offsets: [0, 4] }, 4)), SafetensorsError,
    "tensor 'a': unknown dtype 'Q8'"),
  badCall('loadSafetensors: a dtype wasmgrad cannot hold', () => loadSafetensors(oneTensor({ dtype: 'U16', shape: [2], data_offsets: [0, 4] }, 4)), SafetensorsError,
    "tensor 'a': dtype U16 is not supported (supported: F32, F64, I32, I64, BOOL, F16, BF16)"),
  badCall('loadSafetensors: a negative size', () => loadSafetensors(oneTensor({ dtype: 'F32', shape: [-1], data_offsets: [0, 4] }, 4)), SafetensorsError,
    "tensor 'a': shape must be a list of non-negative integers, got [-1]"),
  badCall('loadSafetensors: data offsets past the data section', () => loadSafetensors(oneTensor({ dtype: 'F32', shape: [4], data_offsets: [0, 16] }, 4)),
    SafetensorsError, "tensor 'a': data offsets [0, 16] lie outside the data section (4 bytes)"),
  badCall('loadSafetensors: a shape that needs more bytes than its offsets hold', () => loadSafetensors(oneTensor({ dtype: 'F32', shape: [2], data_offsets: [0, 4] }, 4)),
    SafetensorsError, "tensor 'a': shape [2] of F32 needs 8 bytes, but its data offsets [0, 4] hold 4"),
  badCall('loadSafetensors: a good tensor then a bad one (nothing is kept)', () => loadSafetensors(file(JSON.stringify({
    a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
    b: { dtype: 'F32', shape: [9], data_offsets: [4, 40] },
  }), 8)), SafetensorsError, "tensor 'b': data offsets [4, 40] lie outside the data section (8 bytes)"),
  badCall('loadSafetensors: a BOOL byte of 2', () => {
    const bytes = oneTensor({ dtype: 'BOOL', shape: [2], data_offsets: [0, 2] }, 2);
    bytes[bytes.length - 1] = 2;
    return loadSafetensors(bytes);
  }, SafetensorsError, "tensor 'a': BOOL element 1 has byte value 2 (expected 0 or 1)"),
  badCall('saveSafetensors: a number instead of a tensor', () => saveSafetensors({ a: 5 as never }), SafetensorsError, "'a' is not a Tensor"),
  badCallOn('saveSafetensors: a metadata value that is not a string', () => zeros(1), (a) => saveSafetensors({ a }, { epoch: 3 as never }), SafetensorsError,
    "metadata values must be strings, but 'epoch' is number"),
];
