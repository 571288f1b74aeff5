// Matrix multiplication: wasmgrad's mm (float32) against what a JavaScript user would use instead, in one process:
// a plain JavaScript triple loop (i-k-j order over Float32Arrays), ml-matrix, and TensorFlow.js with its wasm and
// cpu backends. Square sizes 8..1024 and the shapes of small MLPs. Reports GFLOP/s (2mnk / time), the share of
// the 56 GFLOP/s 128-bit SIMD peak of one core, and how many times faster wasmgrad is than each alternative.
// Usage: npm run build && node bench/matmul.bench.mjs
//        node --experimental-wasm-relaxed-simd bench/matmul.bench.mjs   (Node 20: the fused multiply-add binary)
import { lcgValues } from './lib/inputs.mjs';
import { interleaved } from './lib/timing.mjs';
import { duration, fixed, machineDescription, markdownTable } from './lib/report.mjs';
import { loadMlMatrix, loadTfjs, useTfjsBackend } from './lib/competitors.mjs';

const wasmgrad = await import(process.env.WASMGRAD_MODULE ?? '../dist/index.js');
const { mm, tensor, backendInfo } = wasmgrad;
const linear = wasmgrad.linear ?? wasmgrad.nn.functional.linear;
if (typeof mm !== 'function') throw new Error('this build of wasmgrad does not export mm');

const PEAK_GFLOPS = 56;
const quick = process.argv.includes('--quick');

/** [label, m, k, n]: an m x k matrix times a k x n matrix. */
const SHAPES = [
  ...[8, 16, 32, 64, 128, 256, 512, 1024].map((s) => [`${s}^3`, s, s, s]),
  ['patch embed 96x64 @ 64x128', 96, 64, 128],
  ['patch embed 96x64 @ 64x64', 96, 64, 64],
  ['MLP 256x784 @ 784x256', 256, 784, 256],
  ['MLP 64x784 @ 784x128', 64, 784, 128],
  ['MLP 256x256 @ 256x10', 256, 256, 10],
].filter(([, m, k, n]) => !quick || m * k * n <= 256 ** 3);

/** A wasmgrad [rows, cols] tensor holding `data`. */
function matrix(data, rows, cols) {
  const flat = tensor(data);
  const shaped = flat.reshape(rows, cols);
  flat.dispose();
  return shaped;
}

/** C = A B, row-major Float32Arrays, i-k-j order (the cache-friendly plain loop). */
function jsMatmul(a, b, c, m, k, n) {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) c[row + j] += aip * b[bRow + j];
    }
  }
}

/** Each alternative: prepare(m, k, n, a, b) -> { run, dispose }, and optionally activate() before its runs. */
const contenders = [];

contenders.push({
  name: 'wasmgrad',
  prepare(m, k, n, a, b) {
    const ta = matrix(a, m, k);
    const tb = matrix(b, k, n);
    return { run: () => mm(ta, tb).dispose(), dispose: () => { ta.dispose(); tb.dispose(); } };
  },
});

contenders.push({
  name: 'JS loop',
  prepare(m, k, n, a, b) {
    const c = new Float32Array(m * n);
    return { run: () => jsMatmul(a, b, c, m, k, n), dispose() {} };
  },
});

const Matrix = loadMlMatrix();
if (Matrix !== null) {
  contenders.push({
    name: 'ml-matrix',
    prepare(m, k, n, a, b) {
      const ma = new Matrix(m, k);
      const mb = new Matrix(k, n);
      for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) ma.set(i, j, a[i * k + j]);
      for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) mb.set(i, j, b[i * n + j]);
      return { run: () => ma.mmul(mb), dispose() {} };
    },
  });
}

const tfjs = loadTfjs();
for (const backend of tfjs?.backends ?? []) {
  contenders.push({
    name: `tfjs-${backend}`,
    activate: () => useTfjsBackend(backend),
    prepare(m, k, n, a, b) {
      // Tensors belong to the backend active when they are made.
      const { tf } = tfjs;
      const ta = tf.tensor2d(a, [m, k]);
      const tb = tf.tensor2d(b, [k, n]);
      return { run: () => tf.matMul(ta, tb).dispose(), dispose: () => { ta.dispose(); tb.dispose(); } };
    },
  });
}

console.log(`matmul (float32), ${machineDescription()}`);
console.log(
  `wasmgrad kernel binary: ${backendInfo().binary}; medians of 9 rounds that alternate between the libraries, after warm-up; ` +
    `ratios = their time / wasmgrad's time\n`,
);

const results = new Map(); // label -> name -> ms
for (const [label, m, k, n] of SHAPES) {
  const a = lcgValues(m * k, 1);
  const b = lcgValues(k * n, 2);
  const alternatives = [];
  const prepared = [];
  for (const contender of contenders) {
    if (contender.activate !== undefined && !(await contender.activate())) continue;
    const { run, dispose } = contender.prepare(m, k, n, a, b);
    prepared.push(dispose);
    alternatives.push({ name: contender.name, run, activate: contender.activate });
  }
  results.set(label, await interleaved(alternatives));
  for (const dispose of prepared) dispose();
}

const others = contenders.map((c) => c.name).filter((name) => name !== 'wasmgrad');
const rows = SHAPES.map(([label, m, k, n]) => {
  const times = results.get(label);
  const ours = times.get('wasmgrad');
  const gflops = (2 * m * k * n) / (ours * 1e6);
  return [
    label,
    duration(ours),
    fixed(gflops, 1),
    `${fixed((100 * gflops) / PEAK_GFLOPS, 0)}%`,
    ...others.map((name) => (times.has(name) ? `${fixed(times.get(name) / ours, 1)}x` : '-')),
  ];
});
console.log(markdownTable(['shape', 'wasmgrad', 'GFLOP/s', '% of 56', ...others.map((o) => `vs ${o}`)], rows));

// nn.functional.linear reads the weight transposed in place: x @ W^T should cost what x @ B costs.
const x = matrix(lcgValues(96 * 64, 3), 96, 64);
const w = matrix(lcgValues(128 * 64, 4), 128, 64);
const bias = tensor(lcgValues(128, 5));
const wT = matrix(lcgValues(64 * 128, 4), 64, 128);
const linearTimes = await interleaved([
  { name: 'mm', run: () => mm(x, wT).dispose() },
  { name: 'linear', run: () => linear(x, w, bias).dispose() },
]);
const plain = linearTimes.get('mm');
const viaLinear = linearTimes.get('linear');
console.log(`\nlinear(x [96, 64], W [128, 64], b): ${fixed(viaLinear * 1000, 1)} us; mm with a row-major [64, 128] weight: ${fixed(plain * 1000, 1)} us`);
