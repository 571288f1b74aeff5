// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length N,
// N bytes of JSON header, then the raw little-endian tensor data.
//
// The header maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative to the
// data section), plus an optional "__metadata__" map of strings. Files are written exactly as the Python package
// (its Rust core) writes them: tensors ordered by dtype alignment, largest first (the order of its Dtype enum,
// descending), then by name; compact JSON with "__metadata__" first; the header padded with spaces to a multiple of
// 8 bytes; data laid out in header order with no gaps. Reading applies the same validation as the Rust core
// (offsets must tile the data section exactly) and reports every problem as a SafetensorsError naming the tensor.
import { elementsOf } from '../backend/elements';
import { copyBytesIn, copyBytesOut } from '../backend/tensor-bytes';
import type { DType } from '../dtype';
import { Tensor } from '../tensor';
import { decodeBFloat16, decodeFloat16 } from './half';

/** A malformed or unsupported safetensors file, or an invalid request to write one. */
export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

/** The Rust core's MAX_HEADER_SIZE. */
const MAX_HEADER_BYTES = 100_000_000;

/** Element sizes of every safetensors dtype, listed in the order of the Rust Dtype enum (used to sort on write). */
const DTYPE_ORDER: readonly [string, number][] = [
  ['BOOL', 1], ['U8', 1], ['I8', 1], ['F8_E5M2', 1], ['F8_E4M3', 1], ['I16', 2], ['U16', 2], ['F16', 2], ['BF16', 2],
  ['I32', 4], ['U32', 4], ['F32', 4], ['F64', 8], ['I64', 8], ['U64', 8],
];
const DTYPE_SIZE = new Map(DTYPE_ORDER);
const DTYPE_RANK = new Map(DTYPE_ORDER.map(([name], i) => [name, i]));

/** How each safetensors dtype becomes a wasmgrad tensor. */
const READ_AS: Record<string, DType> = { F32: 'float32', F64: 'float64', I32: 'int32', I64: 'int32', BOOL: 'bool', F16: 'float32', BF16: 'float32' };
const WRITE_AS: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };
const SUPPORTED = Object.keys(READ_AS).join(', ');

export interface SafetensorsTensorInfo {
  dtype: string;
  shape: number[];
  /** [begin, end) byte offsets into the data section. */
  dataOffsets: [number, number];
}

export interface SafetensorsHeader {
  /** The "__metadata__" map, or null when the file has none. */
  metadata: Record<string, string> | null;
  /** Tensor descriptions in file order (by data offset). */
  tensors: [string, SafetensorsTensorInfo][];
  /** Byte offset of the data section in the file (8 + header length). */
  dataStart: number;
}

/** Rust's String ordering: by UTF-8 bytes, which is code point order. */
function compareNames(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done && cb.done ? 0 : ca.done ? -1 : 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function asEntries<T>(named: Record<string, T> | Map<string, T>): [string, T][] {
  return named instanceof Map ? [...named.entries()] : Object.entries(named);
}

/**
 * Serialises named tensors (a state dict, say) to safetensors bytes, byte for byte as the Python package's
 * save() writes them. metadata is an optional map of strings stored under "__metadata__".
 */
export function saveSafetensors(named: Record<string, Tensor> | Map<string, Tensor>, metadata?: Record<string, string> | null): Uint8Array {
  const entries = asEntries(named);
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new SafetensorsError("'__metadata__' is reserved and cannot name a tensor");
    if (!(t instanceof Tensor)) throw new SafetensorsError(`'${name}' is not a Tensor`);
    t._check();
  }
  entries.sort(([na, a], [nb, b]) => DTYPE_RANK.get(WRITE_AS[b.dtype])! - DTYPE_RANK.get(WRITE_AS[a.dtype])! || compareNames(na, nb));
  const parts: string[] = [];
  if (metadata != null) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') throw new SafetensorsError(`metadata values must be strings, but '${key}' is ${typeof value}`);
    }
    parts.push(`"__metadata__":${JSON.stringify(metadata)}`);
  }
  let offset = 0;
  for (const [name, t] of entries) {
    const bytes = t.numel() * t.elementSize();
    parts.push(`${JSON.stringify(name)}:{"dtype":"${WRITE_AS[t.dtype]}","shape":[${t.shape.join(',')}],"data_offsets":[${offset},${offset + bytes}]}`);
    offset += bytes;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const [, t] of entries) {
    copyBytesOut(t, out, at);
    at += t.numel() * t.elementSize();
  }
  return out;
}

function isNonNegativeInteger(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** The bytes of a file given to `fn`; anything but a Uint8Array (a Node Buffer is one) or an ArrayBuffer is refused. */
function fileBytes(fn: string, input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  const got = input === null || typeof input !== 'object' ? (input === null ? 'null' : typeof input) : ((input as object).constructor?.name ?? 'object');
  throw new TypeError(`${fn}(): expected the file as a Uint8Array or ArrayBuffer, got ${got}`);
}

/** Parses and validates the header of a safetensors file (the data is not read). */
export function readSafetensorsHeader(input: Uint8Array | ArrayBuffer): SafetensorsHeader {
  const bytes = fileBytes('readSafetensorsHeader', input);
  if (bytes.length < 8) {
    throw new SafetensorsError(`file of ${bytes.length} bytes is too small: a safetensors file starts with an 8-byte header length`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) throw new SafetensorsError(`header length ${declared} exceeds the limit of ${MAX_HEADER_BYTES} bytes`);
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    throw new SafetensorsError(`header length ${headerLength} runs past the end of the file (${bytes.length} bytes, so at most ${bytes.length - 8})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    throw new SafetensorsError('header is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`header is not valid JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SafetensorsError('header must be a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> | null = null;
  const tensors: [string, SafetensorsTensorInfo][] = [];
  for (const [name, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
        throw new SafetensorsError('__metadata__ must be an object mapping strings to strings');
      }
      metadata = { ...(raw as Record<string, string>) };
      continue;
    }
    tensors.push([name, checkInfo(name, raw, dataLength)]);
  }
  tensors.sort(([, a], [, b]) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let covered = 0;
  for (const [name, info] of tensors) {
    const [begin, end] = info.dataOffsets;
    if (begin < covered) throw new SafetensorsError(`tensor '${name}': data offsets [${begin}, ${end}] overlap the previous tensor, which ends at ${covered}`);
    if (begin > covered) throw new SafetensorsError(`tensor '${name}': data offsets [${begin}, ${end}] leave a gap after byte ${covered} of the data section`);
    covered = end;
  }
  if (covered !== dataLength) {
    throw new SafetensorsError(`the tensors cover ${covered} bytes but the data section holds ${dataLength} (the offsets must tile it exactly)`);
  }
  return { metadata, tensors, dataStart };
}

function checkInfo(name: string, raw: unknown, dataLength: number): SafetensorsTensorInfo {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SafetensorsError(`tensor '${name}': description must be an object`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string') throw new SafetensorsError(`tensor '${name}': dtype must be a string`);
  const size = DTYPE_SIZE.get(dtype);
  if (size === undefined) throw new SafetensorsError(`tensor '${name}': unknown dtype '${dtype}'`);
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
    throw new SafetensorsError(`tensor '${name}': shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
    throw new SafetensorsError(`tensor '${name}': data_offsets must be two non-negative integers, got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw new SafetensorsError(`tensor '${name}': data offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLength) throw new SafetensorsError(`tensor '${name}': data offsets [${begin}, ${end}] lie outside the data section (${dataLength} bytes)`);
  let needed = size;
  for (const s of shape as number[]) needed *= s;
  if (!Number.isSafeInteger(needed) || needed !== end - begin) {
    throw new SafetensorsError(
      `tensor '${name}': shape [${(shape as number[]).join(', ')}] of ${dtype} needs ${Number.isSafeInteger(needed) ? needed : 'too many'} bytes, ` +
        `but its data offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { dtype, shape: (shape as number[]).slice(), dataOffsets: [begin, end] };
}

/**
 * Reads a safetensors file into tensors, by name in sorted order (as the Python package's load_file).
 * F32, F64, I32 and BOOL load as they are; F16 and BF16 are converted to float32 (exactly); I64 becomes int32,
 * wasmgrad's index dtype, and a value outside the int32 range is an error. Other dtypes are reported as unsupported.
 */
export function loadSafetensors(input: Uint8Array | ArrayBuffer): Record<string, Tensor> {
  const bytes = fileBytes('loadSafetensors', input);
  const header = readSafetensorsHeader(bytes);
  for (const [name, info] of header.tensors) {
    if (READ_AS[info.dtype] === undefined) throw new SafetensorsError(`tensor '${name}': dtype ${info.dtype} is not supported (supported: ${SUPPORTED})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const loaded = new Map<string, Tensor>();
  try {
    for (const [name, info] of header.tensors) loaded.set(name, readTensor(name, info, bytes, view, header.dataStart));
  } catch (error) {
    for (const t of loaded.values()) t.dispose();
    throw error;
  }
  const out: Record<string, Tensor> = {};
  for (const name of [...loaded.keys()].sort(compareNames)) out[name] = loaded.get(name)!;
  return out;
}

function readTensor(name: string, info: SafetensorsTensorInfo, bytes: Uint8Array, view: DataView, dataStart: number): Tensor {
  const begin = dataStart + info.dataOffsets[0];
  const end = dataStart + info.dataOffsets[1];
  const t = Tensor._empty(info.shape.slice(), READ_AS[info.dtype]);
  const n = t.numel();
  if (n === 0) return t;
  try {
    switch (info.dtype) {
      case 'F32':
      case 'F64':
      case 'I32':
        copyBytesIn(t, bytes.subarray(begin, end));
        break;
      case 'BOOL': {
        const src = bytes.subarray(begin, end);
        const bad = src.findIndex((b) => b > 1);
        if (bad >= 0) throw new SafetensorsError(`tensor '${name}': BOOL element ${bad} has byte value ${src[bad]} (expected 0 or 1)`);
        copyBytesIn(t, src);
        break;
      }
      case 'F16':
        decodeFloat16(view, begin, elementsOf(t) as Float32Array);
        break;
      case 'BF16':
        decodeBFloat16(view, begin, elementsOf(t) as Float32Array);
        break;
      case 'I64': {
        const out = elementsOf(t) as Int32Array;
        for (let i = 0; i < n; i++) {
          const low = view.getUint32(begin + 8 * i, true);
          const high = view.getInt32(begin + 8 * i + 4, true);
          if (high !== (low >= 0x80000000 ? -1 : 0)) {
            throw new SafetensorsError(
              `tensor '${name}': I64 element ${i} is ${view.getBigInt64(begin + 8 * i, true)}, outside the int32 range wasmgrad uses for integer tensors`,
            );
          }
          out[i] = low | 0;
        }
        break;
      }
    }
  } catch (error) {
    t.dispose();
    throw error;
  }
  return t;
}
