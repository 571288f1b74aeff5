// Writes every sample of the op database that has a PyTorch counterpart as JSON on stdout, for
// test/fixtures/opinfo/gen_reference.py. Run through scripts/opinfo-reference.mjs, which bundles this file.
import { OP_ENTRIES } from './entries';
import { differentiable, sampleValues, valuesFingerprint } from './inputs';
import { encodeNumber } from './results';

function encodeArgs(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { float: encodeNumber(value) };
  if (Array.isArray(value)) return value.map(encodeArgs);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeArgs(v)]));
  return value;
}

const samples = [];
for (const entry of OP_ENTRIES) {
  if (entry.torch === null || entry.random) continue;
  for (const [i, sample] of entry.samples.entries()) {
    const values = sampleValues(entry.name, i, sample);
    samples.push({
      key: `${entry.name}#${i}`,
      torch: entry.torch,
      args: encodeArgs(sample.args ?? {}),
      fingerprint: valuesFingerprint(values),
      inputs: sample.inputs.map((spec, j) => ({
        dtype: spec.dtype,
        shape: spec.shape,
        data: values[j]!.map(encodeNumber),
        grad: entry.grad === true && differentiable(spec),
      })),
    });
  }
}
process.stdout.write(JSON.stringify(samples));
