// Reading PyTorch reference data ({dtype, shape, data} tensors) from test/fixtures/pytorch, without loading wasmgrad.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureTensor {
  dtype: 'float32' | 'float64' | 'int64' | 'bool';
  shape: number[];
  data: (number | string | boolean)[];
}

export function loadFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'pytorch', name), 'utf8')) as T;
}

/** Decodes the fixture encoding: 'NaN' / 'Infinity' strings, float32 values restored with Math.fround. */
export function fixtureValues(f: { dtype: string; data: FixtureTensor['data'] }): number[] {
  return f.data.map((v) => {
    const n = typeof v === 'string' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    return f.dtype === 'float32' ? Math.fround(n) : n;
  });
}
