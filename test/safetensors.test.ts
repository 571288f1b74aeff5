// safetensors: byte-exact files built here from the format's specification, round trips, dtype conversion and a
// suite of malformed files that must each give a SafetensorsError naming the problem.
import { describe, expect, it } from 'vitest';
import { memory, tensor, zeros } from '../src/index';
import { loadSafetensors, readSafetensorsHeader, saveSafetensors, SafetensorsError } from '../src/io';
import * as nn from '../src/nn';
import { values } from './support/tensor-values';

const encoder = new TextEncoder();

/** A file from its parts: the 8-byte little-endian length, the header text padded with spaces to `padTo`, the data. */
function file(header: string, data: Uint8Array = new Uint8Array(0), padTo = 8, declaredLength?: bigint): Uint8Array {
  const text = encoder.encode(header);
  const length = Math.ceil(text.length / padTo) * padTo;
  const out = new Uint8Array(8 + length + data.length);
  new DataView(out.buffer).setBigUint64(0, declaredLength ?? BigInt(length), true);
  out.set(text, 8);
  out.fill(0x20, 8 + text.length, 8 + length);
  out.set(data, 8 + length);
  return out;
}

function bytesOf(...arrays: (Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array | BigInt64Array)[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return out;
}

describe('writing matches the reference implementation byte for byte', () => {
  it('one float32 tensor', () => {
    const header = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    expect(header.length).toBe(64); // already a multiple of 8: no padding
    const expected = file(header, bytesOf(new Float32Array([0, 1, 2, 3, 4, 5])));
    expect(saveSafetensors({ 'attn.0': tensor([0, 1, 2, 3, 4, 5]).reshape(1, 2, 3) })).toEqual(expected);
  });

  it('pads the header with spaces to a multiple of 8', () => {
    const header = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}';
    const expected = file(header, bytesOf(new Float32Array([0, 1, 2, 3, 4, 5])));
    expect(expected.length - 24 - 8).toBe(72);
    expect(Array.from(expected.subarray(8 + header.length, 8 + 72))).toEqual(new Array(7).fill(0x20));
    expect(saveSafetensors({ attn0: tensor([0, 1, 2, 3, 4, 5]).reshape(1, 1, 2, 3) })).toEqual(expected);
  });

  it('orders tensors by dtype alignment (largest first), then by name, with __metadata__ first', () => {
    const header =
      '{"__metadata__":{"format":"pt"},' +
      '"c":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},' +
      '"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},' +
      '"z":{"dtype":"F32","shape":[],"data_offsets":[16,20]},' +
      '"b":{"dtype":"I32","shape":[2],"data_offsets":[20,28]},' +
      '"flag":{"dtype":"BOOL","shape":[3],"data_offsets":[28,31]}}';
    const data = bytesOf(new Float64Array([0.1]), new Float32Array([1.5, -2]), new Float32Array([7]), new Int32Array([-3, 2 ** 31 - 1]), new Uint8Array([1, 0, 1]));
    const saved = saveSafetensors(
      {
        flag: tensor([true, false, true]),
        b: tensor([-3, 2 ** 31 - 1], { dtype: 'int32' }),
        z: tensor(7),
        a: tensor([1.5, -2]),
        c: tensor([0.1], { dtype: 'float64' }),
      },
      { format: 'pt' },
    );
    expect(saved).toEqual(file(header, data));
  });

  it('empty files, with and without metadata', () => {
    expect(Array.from(saveSafetensors({}))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, ...encoder.encode('{}'), 32, 32, 32, 32, 32, 32]);
    expect(saveSafetensors({}, { framework: 'pt' })).toEqual(file('{"__metadata__":{"framework":"pt"}}'));
    expect(file('{"__metadata__":{"framework":"pt"}}').length).toBe(48);
  });

  it('writes non-contiguous tensors in row-major order and escapes names as JSON', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]).T;
    const header = '{"we\\"ird\\nname":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24]}}';
    expect(saveSafetensors({ 'we"ird\nname': t })).toEqual(file(header, bytesOf(new Float32Array([1, 4, 2, 5, 3, 6]))));
  });

  it('refuses a reserved name and non-string metadata', () => {
    expect(() => saveSafetensors({ __metadata__: zeros(1) })).toThrow(SafetensorsError);
    expect(() => saveSafetensors({ a: zeros(1) }, { n: 3 as unknown as string })).toThrow("metadata values must be strings, but 'n' is number");
  });
});

describe('reading', () => {
  it('round-trips a model state dict bit for bit', () => {
    const model = new nn.Sequential(new nn.Linear(5, 4), new nn.ReLU(), new nn.Linear(4, 3, { bias: false }));
    const bytes = saveSafetensors(model.stateDict(), { format: 'pt' });
    const loaded = loadSafetensors(bytes);
    expect(Object.keys(loaded)).toEqual(['0.bias', '0.weight', '2.weight']);
    const copy = new nn.Sequential(new nn.Linear(5, 4), new nn.ReLU(), new nn.Linear(4, 3, { bias: false }));
    copy.loadStateDict(loaded);
    for (const [name, t] of Object.entries(model.stateDict())) expect(values(copy.stateDict()[name])).toEqual(values(t));
    expect(readSafetensorsHeader(bytes).metadata).toEqual({ format: 'pt' });
  });

  it('round-trips every dtype, scalars and empty tensors', () => {
    const named = {
      f64: tensor([Math.PI, -0, 1e-300], { dtype: 'float64' }),
      f32: tensor([[Infinity, -1.5], [NaN, 3]]),
      i32: tensor([-(2 ** 31), 0, 2 ** 31 - 1], { dtype: 'int32' }),
      b: tensor([true, false]),
      s: tensor(2.5),
      e: zeros(0, 3),
    };
    const loaded = loadSafetensors(saveSafetensors(named).buffer as ArrayBuffer);
    for (const [name, t] of Object.entries(named)) {
      expect(loaded[name].dtype).toBe(t.dtype);
      expect(loaded[name].shape).toEqual(t.shape);
      expect(values(loaded[name])).toEqual(values(t));
    }
    expect(Object.is(values(loaded.f64)[1], -0)).toBe(true);
  });

  it('upcasts F16 and BF16 to float32 exactly and narrows I64 to int32', () => {
    const header =
      '{"h":{"dtype":"F16","shape":[7],"data_offsets":[0,14]},' +
      '"bf":{"dtype":"BF16","shape":[3],"data_offsets":[14,20]},' +
      '"i":{"dtype":"I64","shape":[4],"data_offsets":[20,52]}}';
    const data = bytesOf(
      new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x8000, 0x3555]),
      new Uint16Array([0x3f80, 0xc049, 0xff80]),
      new BigInt64Array([0n, -1n, -(2n ** 31n), 2n ** 31n - 1n]),
    );
    const loaded = loadSafetensors(file(header, data));
    expect(loaded.h.dtype).toBe('float32');
    const h = values(loaded.h);
    expect(h.slice(0, 5)).toEqual([1, -2, 65504, 2 ** -24, Infinity]);
    expect(Object.is(h[5], -0)).toBe(true);
    expect(h[6]).toBe((1 + 0x155 / 1024) / 4); // 0x3555: exponent 13 - 15, mantissa 0x155
    expect(values(loaded.bf)).toEqual([1, -3.140625, -Infinity]);
    expect(loaded.i.dtype).toBe('int32');
    expect(values(loaded.i)).toEqual([0, -1, -(2 ** 31), 2 ** 31 - 1]);
  });

  it('keeps the NaN payload of F16 values', () => {
    const loaded = loadSafetensors(file('{"n":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}', bytesOf(new Uint16Array([0x7e01]))));
    const bits = new Uint32Array((loaded.n.toTypedArray() as Float32Array).buffer);
    expect(bits[0]).toBe(0x7fc02000);
  });
});

describe('malformed files give a SafetensorsError and allocate nothing', () => {
  const f32 = (n: number) => bytesOf(new Float32Array(n));
  const cases: [string, Uint8Array, string][] = [
    ['too short for the length prefix', new Uint8Array([1, 2, 3]), 'too small'],
    ['header length past the end', file('{}', new Uint8Array(0), 8, 64n), 'header length 64 runs past the end of the file (16 bytes'],
    ['header length beyond the limit', file('{}', new Uint8Array(0), 8, 2n ** 64n - 1n), 'exceeds the limit of 100000000 bytes'],
    ['header that is not UTF-8', (() => { const b = file('{"a":1}'); b[10] = 0xff; return b; })(), 'not valid UTF-8'],
    ['header that is not JSON', file('{"a": '), 'header is not valid JSON'],
    ['header that is not an object', file('[1, 2]'), 'header must be a JSON object'],
    ['metadata that is not strings', file('{"__metadata__":{"a":1}}'), '__metadata__ must be an object mapping strings to strings'],
    ['tensor description that is not an object', file('{"w":3}'), "tensor 'w': description must be an object"],
    ['unknown dtype', file('{"w":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}', f32(1)), "tensor 'w': unknown dtype 'Q7'"],
    ['unsupported dtype', file('{"w":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}', new Uint8Array(2)), "tensor 'w': dtype U8 is not supported (supported: F32, F64, I32, I64, BOOL, F16, BF16)"],
    ['negative size', file('{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', f32(1)), "tensor 'w': shape must be a list of non-negative integers, got [-1]"],
    ['fractional size', file('{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}', f32(1)), "tensor 'w': shape must be a list of non-negative integers"],
    ['missing offsets', file('{"w":{"dtype":"F32","shape":[1]}}', f32(1)), "tensor 'w': data_offsets must be two non-negative integers"],
    ['offsets past the data', file('{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}', f32(2)), "tensor 'w': data offsets [0, 16] lie outside the data section (8 bytes)"],
    ['reversed offsets', file('{"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}', f32(1)), "tensor 'w': data offsets [4, 0] end before they begin"],
    ['offsets that do not fit the shape', file('{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', f32(2)), "tensor 'w': shape [3] of F32 needs 12 bytes, but its data offsets [0, 8] hold 8"],
    ['a shape whose size overflows', file('{"w":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,8]}}', f32(2)), "tensor 'w': shape [4294967296, 4294967296] of F64 needs too many bytes"],
    [
      'overlapping tensors',
      file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}', f32(3)),
      "tensor 'b': data offsets [4, 12] overlap the previous tensor, which ends at 8",
    ],
    ['a gap before a tensor', file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', f32(2)), "tensor 'a': data offsets [4, 8] leave a gap after byte 0"],
    ['trailing bytes', file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', f32(2)), 'the tensors cover 4 bytes but the data section holds 8'],
    ['an I64 value outside int32', file('{"i":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}', bytesOf(new BigInt64Array([1n, 2n ** 31n]))), "tensor 'i': I64 element 1 is 2147483648, outside the int32 range"],
    ['a BOOL byte other than 0 or 1', file('{"b":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}}', new Uint8Array([0, 1, 2])), "tensor 'b': BOOL element 2 has byte value 2 (expected 0 or 1)"],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      const before = memory().tensors;
      let error: unknown = null;
      try {
        loadSafetensors(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SafetensorsError);
      expect((error as Error).message).toContain(message);
      expect(memory().tensors).toBe(before);
    });
  }

  it('releases tensors already read when a later one is invalid', () => {
    const header = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]}}';
    const bytes = file(header, bytesOf(new Float32Array(2), new BigInt64Array([-(2n ** 40n)])));
    const before = memory().tensors;
    expect(() => loadSafetensors(bytes)).toThrow("tensor 'b': I64 element 0 is -1099511627776");
    expect(memory().tensors).toBe(before);
  });
});
