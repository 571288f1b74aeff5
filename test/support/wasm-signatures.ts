// Reads the exported functions of a wasm binary, with their parameter and result types, from the binary itself:
// the type, import, function and export sections. No compilation, so it also reads a binary (the relaxed-SIMD one)
// that this engine would not validate.

/** Value types by their binary encoding. */
const VALUE_TYPES: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

export interface FunctionSignature {
  params: string[];
  results: string[];
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.offset >= this.bytes.length) throw new Error('wasm binary ends early');
    return this.bytes[this.offset++]!;
  }
  /** Unsigned LEB128 (the sizes, counts and indices of the sections read here all fit in 32 bits). */
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  name(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }
  valueType(): string {
    const code = this.byte();
    const type = VALUE_TYPES[code];
    if (type === undefined) throw new Error(`unknown value type 0x${code.toString(16)}`);
    return type;
  }
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/** Every exported function by export name. */
export function exportedFunctionSignatures(bytes: Uint8Array): Map<string, FunctionSignature> {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1
  if (magic.some((b, i) => bytes[i] !== b)) throw new Error('not a version 1 wasm binary');
  r.offset = 8;
  const types: FunctionSignature[] = [];
  const functionTypes: number[] = []; // type index of each function index: imported functions first
  const exports = new Map<string, FunctionSignature>();
  while (r.offset < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.offset + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error('only function types are expected');
        const params = Array.from({ length: r.u32() }, () => r.valueType());
        const results = Array.from({ length: r.u32() }, () => r.valueType());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) functionTypes.push(r.u32());
        else if (kind === 1) (r.byte(), r.limits());
        else if (kind === 2) r.limits();
        else if (kind === 3) (r.valueType(), r.byte());
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; n--) functionTypes.push(r.u32());
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        const index = r.u32();
        if (kind === 0) exports.set(name, types[functionTypes[index]!]!);
      }
    }
    r.offset = end;
  }
  return exports;
}
