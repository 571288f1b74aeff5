// Elementwise ops, reductions and conv2d: wasmgrad (float32) against what a JavaScript user would use instead, in
// one process: plain JavaScript loops over Float32Arrays and TensorFlow.js with its cpu and wasm backends.
// Elementwise/reduction ops at 64, 4096 and 1e6 elements (small sizes measure the fixed cost of an op, large ones
// the kernels); conv2d forward on small image batches. Each library computes the same values (checked before
// timing); ratios are the other library's time divided by wasmgrad's (higher = wasmgrad faster).
// The first table is the fixed cost of an op on 64 elements (the dispatch path: argument checks, dtype rules, result
// allocation, the kernel call, dispose), without autograd and when it records a graph node; WASMGRAD_BASELINE=path
// to another build's dist/index.js times that build in the same rounds, for before/after comparisons.
// Usage: npm run build && node bench/ops.bench.mjs [--quick]
import { lcgValues, tensorFromArray } from './lib/inputs.mjs';
import { interleaved } from './lib/timing.mjs';
import { fixed, machineDescription, markdownTable } from './lib/report.mjs';
import { loadTfjs, useTfjsBackend } from './lib/competitors.mjs';

const wasmgrad = await import(process.env.WASMGRAD_MODULE ?? '../dist/index.js');
const { tensor, gelu, softmax, backendInfo, memory } = wasmgrad;
const conv2d = wasmgrad.nn.functional.conv2d;

const quick = process.argv.includes('--quick');
const SIZES = quick ? [64, 4096] : [64, 4096, 1_000_000];
/** The row length of softmax over the last dim, by size: [1, 64], [64, 64], [1000, 1000]. */
const SOFTMAX_ROWS = { 64: [1, 64], 4096: [64, 64], 1000000: [1000, 1000] };
const GELU_C = Math.sqrt(2 / Math.PI);


const time = (ms) => (ms >= 1 ? `${fixed(ms, 2)} ms` : `${fixed(ms * 1000, ms < 0.01 ? 2 : 1)} us`);

// ---------------------------------------------------------------- elementwise and reductions

/**
 * Each op: the shape its input takes for n elements, and one function per library. `wasmgrad(x, y)` and
 * `tfjs(tf, x, y)` return a result that the caller disposes; `js(x, y, out, shape)` writes `out` (preallocated:
 * the loops get no allocation cost) or returns a number.
 */
const OPS = [
  {
    name: 'add',
    wasmgrad: (x, y) => x.add(y),
    tfjs: (tf, x, y) => tf.add(x, y),
    js(x, y, out) {
      for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
    },
  },
  {
    name: 'mul',
    wasmgrad: (x, y) => x.mul(y),
    tfjs: (tf, x, y) => tf.mul(x, y),
    js(x, y, out) {
      for (let i = 0; i < x.length; i++) out[i] = x[i] * y[i];
    },
  },
  {
    name: 'exp',
    wasmgrad: (x) => x.exp(),
    tfjs: (tf, x) => tf.exp(x),
    js(x, y, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
    },
  },
  {
    name: 'sigmoid',
    wasmgrad: (x) => x.sigmoid(),
    tfjs: (tf, x) => tf.sigmoid(x),
    js(x, y, out) {
      for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
    },
  },
  {
    // tfjs-core has no gelu: a tfjs user composes it from 7 ops (tfjs-layers does the same).
    name: "gelu (tanh)",
    wasmgrad: (x) => gelu(x, 'tanh'),
    tfjs: (tf, x) =>
      tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(GELU_C, tf.add(x, tf.mul(0.044715, tf.mul(x, tf.mul(x, x))))))))),
    js(x, y, out) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        out[i] = 0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v)));
      }
    },
  },
  {
    name: 'sum',
    wasmgrad: (x) => x.sum(),
    tfjs: (tf, x) => tf.sum(x),
    js(x) {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i];
      return s;
    },
  },
  {
    name: 'softmax (last dim)',
    shape: (n) => SOFTMAX_ROWS[n],
    wasmgrad: (x) => softmax(x, -1),
    tfjs: (tf, x) => tf.softmax(x),
    js(x, y, out, [rows, cols]) {
      for (let r = 0; r < rows; r++) {
        const base = r * cols;
        let max = -Infinity;
        for (let j = 0; j < cols; j++) max = Math.max(max, x[base + j]);
        let total = 0;
        for (let j = 0; j < cols; j++) total += out[base + j] = Math.exp(x[base + j] - max);
        const inv = 1 / total;
        for (let j = 0; j < cols; j++) out[base + j] *= inv;
      }
    },
  },
];

/** Largest |a - b| / (1 + |b|) over the elements. */
function maxRelativeError(a, b) {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}

const tfjs = loadTfjs();
const tfBackends = tfjs?.backends ?? [];

/** One op at one size: checks that every library computes the same values, then times them interleaved. */
async function benchOp(op, n) {
  const shape = op.shape ? op.shape(n) : [n];
  const a = lcgValues(n, 1);
  const b = lcgValues(n, 2);
  const out = new Float32Array(n);
  const jsResult = op.js(a, b, out, shape);
  const expected = typeof jsResult === 'number' ? Float32Array.of(jsResult) : out;
  // A sum of n float32 values is checked relative to the sum of magnitudes (orders of summation differ).
  const tolerance = op.name === 'sum' ? 1e-6 * n : 1e-5;
  const check = (name, got) => {
    const err = maxRelativeError(got, expected);
    if (!(err <= tolerance)) throw new Error(`${op.name} at ${n}: ${name} differs from the JS loop (relative error ${err})`);
  };

  const x = tensorFromArray(a, shape, tensor);
  const y = tensorFromArray(b, shape, tensor);
  const first = op.wasmgrad(x, y);
  check('wasmgrad', first.toTypedArray());
  first.dispose();
  const alternatives = [
    { name: 'wasmgrad', run: () => op.wasmgrad(x, y).dispose() },
    { name: 'JS loop', run: () => op.js(a, b, out, shape) },
  ];
  const cleanups = [() => x.dispose(), () => y.dispose()];
  for (const backend of tfBackends) {
    const activate = () => useTfjsBackend(backend);
    if (!(await activate())) continue;
    const { tf } = tfjs;
    const tx = tf.tensor(a, shape);
    const ty = tf.tensor(b, shape);
    const result = op.tfjs(tf, tx, ty);
    check(`tfjs-${backend}`, result.dataSync());
    result.dispose();
    alternatives.push({ name: `tfjs-${backend}`, activate, run: () => op.tfjs(tf, tx, ty).dispose() });
    cleanups.push(() => {
      tx.dispose();
      ty.dispose();
    });
  }
  const times = await interleaved(alternatives);
  for (const cleanup of cleanups) cleanup();
  return times;
}

// ---------------------------------------------------------------- conv2d

/** [label, batch, in channels, image size, out channels, kernel size]; padding (k - 1) / 2, stride 1. */
const CONVS = [
  ['[8, 3, 32, 32] * [16, 3, 3, 3], pad 1', 8, 3, 32, 16, 3],
  ['[16, 16, 32, 32] * [32, 16, 3, 3], pad 1', 16, 16, 32, 32, 3],
].filter(([, B]) => !quick || B <= 8);

/** Direct convolution over NCHW / OIHW Float32Arrays with zero padding (cross-correlation, as PyTorch). */
function jsConv2d(x, w, out, B, C, S, O, K) {
  const pad = (K - 1) / 2;
  for (let b = 0; b < B; b++) {
    for (let o = 0; o < O; o++) {
      const outBase = (b * O + o) * S * S;
      for (let i = 0; i < S; i++) {
        for (let j = 0; j < S; j++) {
          let acc = 0;
          for (let c = 0; c < C; c++) {
            const xBase = (b * C + c) * S * S;
            const wBase = (o * C + c) * K * K;
            for (let ki = 0; ki < K; ki++) {
              const r = i + ki - pad;
              if (r < 0 || r >= S) continue;
              for (let kj = 0; kj < K; kj++) {
                const col = j + kj - pad;
                if (col >= 0 && col < S) acc += x[xBase + r * S + col] * w[wBase + ki * K + kj];
              }
            }
          }
          out[outBase + i * S + j] = acc;
        }
      }
    }
  }
}

/** data in `from` layout (dims listed in `shape`) permuted by `perm`, as a new Float32Array. */
function permuted(data, shape, perm) {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((p, s) => p * s, 1));
  const outShape = perm.map((p) => shape[p]);
  const out = new Float32Array(data.length);
  const index = new Array(shape.length).fill(0);
  for (let k = 0; k < out.length; k++) {
    let src = 0;
    for (let d = 0; d < perm.length; d++) src += index[d] * strides[perm[d]];
    out[k] = data[src];
    for (let d = perm.length - 1; d >= 0; d--) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

async function benchConv([, B, C, S, O, K]) {
  const xData = lcgValues(B * C * S * S, 3);
  const wData = lcgValues(O * C * K * K, 4);
  const expected = new Float32Array(B * O * S * S);
  jsConv2d(xData, wData, expected, B, C, S, O, K);
  const check = (name, got) => {
    const err = maxRelativeError(got, expected);
    if (!(err <= 1e-4)) throw new Error(`conv2d ${B}x${C}x${S}x${S}: ${name} differs from the JS loops (relative error ${err})`);
  };

  const x = tensorFromArray(xData, [B, C, S, S], tensor);
  const w = tensorFromArray(wData, [O, C, K, K], tensor);
  const pad = (K - 1) / 2;
  const first = conv2d(x, w, null, 1, pad);
  check('wasmgrad', first.toTypedArray());
  first.dispose();
  const out = new Float32Array(expected.length);
  const alternatives = [
    { name: 'wasmgrad', run: () => conv2d(x, w, null, 1, pad).dispose() },
    { name: 'JS loop', run: () => jsConv2d(xData, wData, out, B, C, S, O, K) },
  ];
  const cleanups = [() => x.dispose(), () => w.dispose()];
  // TensorFlow.js convolves NHWC images with HWIO filters (its cpu and wasm backends support no other layout):
  // the same numbers, transposed once before timing.
  const xNhwc = permuted(xData, [B, C, S, S], [0, 2, 3, 1]);
  const wHwio = permuted(wData, [O, C, K, K], [2, 3, 1, 0]);
  for (const backend of tfBackends) {
    const activate = () => useTfjsBackend(backend);
    if (!(await activate())) continue;
    const { tf } = tfjs;
    const tx = tf.tensor4d(xNhwc, [B, S, S, C]);
    const tw = tf.tensor4d(wHwio, [K, K, C, O]);
    const result = tf.conv2d(tx, tw, 1, 'same');
    check(`tfjs-${backend}`, permuted(result.dataSync(), [B, S, S, O], [0, 3, 1, 2]));
    result.dispose();
    alternatives.push({ name: `tfjs-${backend}`, activate, run: () => tf.conv2d(tx, tw, 1, 'same').dispose() });
    cleanups.push(() => {
      tx.dispose();
      tw.dispose();
    });
  }
  const times = await interleaved(alternatives);
  for (const cleanup of cleanups) cleanup();
  return times;
}

// ---------------------------------------------------------------- report

const OTHERS = ['JS loop', ...tfBackends.map((b) => `tfjs-${b}`)];
/** "3.2x (1.5 us)": the other's time over wasmgrad's, and the other's time. */
const versus = (times, name) => {
  const ours = times.get('wasmgrad');
  return times.has(name) ? `${fixed(times.get(name) / ours, 1)}x (${time(times.get(name))})` : '-';
};

console.log(`elementwise ops, reductions and conv2d (float32), ${machineDescription()}`);
console.log(
  `wasmgrad kernel binary: ${backendInfo().binary}; medians of 9 rounds that alternate between the libraries, after ` +
    `warm-up; ratios = their time / wasmgrad's time (their time in parentheses); JS loops write preallocated arrays\n`,
);

// ---------------------------------------------------------------- dispatch cost of small ops

const baseline = process.env.WASMGRAD_BASELINE ? await import(process.env.WASMGRAD_BASELINE) : null;

/** Small ops as a user writes them; `grad` marks the input that requires grad in the recording rows. */
const DISPATCH = [
  { name: 'add', run: (x, y) => x.add(y) },
  { name: 'mul by a number', run: (x) => x.mul(2) },
  { name: 'exp', run: (x) => x.exp() },
  { name: 'sum', run: (x) => x.sum() },
];

async function benchDispatch(op, recording) {
  const alternatives = [];
  const cleanups = [];
  for (const [name, lib] of [['wasmgrad', wasmgrad], ['baseline', baseline]]) {
    if (lib === null) continue;
    const x = lib.tensor(lcgValues(64, 1), { requiresGrad: recording });
    const y = lib.tensor(lcgValues(64, 2));
    alternatives.push({ name, run: () => op.run(x, y).dispose() });
    cleanups.push(() => (x.dispose(), y.dispose()));
  }
  const times = await interleaved(alternatives);
  for (const cleanup of cleanups) cleanup();
  return times;
}

const startMemory = memory();
const opRows = [];
for (const op of OPS) {
  for (const n of SIZES) {
    const times = await benchOp(op, n);
    const label = op.shape ? `[${op.shape(n).join(', ')}]` : String(n);
    opRows.push([op.name, label, time(times.get('wasmgrad')), ...OTHERS.map((name) => versus(times, name))]);
  }
}
console.log(markdownTable(['op', 'elements', 'wasmgrad', ...OTHERS.map((o) => `vs ${o}`)], opRows));

const convRows = [];
for (const conv of CONVS) {
  const times = await benchConv(conv);
  const [label, B, C, S, O, K] = conv;
  const flops = 2 * B * O * S * S * C * K * K;
  const ours = times.get('wasmgrad');
  convRows.push([label, time(ours), fixed(flops / (ours * 1e6), 1), ...OTHERS.map((name) => versus(times, name))]);
}
console.log('\nconv2d forward (stride 1, no bias):\n');
console.log(markdownTable(['case', 'wasmgrad', 'GFLOP/s', ...OTHERS.map((o) => `vs ${o}`)], convRows));

// Every tensor made here was disposed (memory().bytes may grow: the matmul kernels keep a packing workspace).
const endMemory = memory();
if (endMemory.tensors !== startMemory.tensors) {
  throw new Error(`wasmgrad tensors left alive: ${startMemory.tensors} before, ${endMemory.tensors} after`);
}

const dispatchRows = [];
for (const op of DISPATCH) {
  for (const recording of [false, true]) {
    const times = await benchDispatch(op, recording);
    const row = [op.name, recording ? 'records for grad' : 'no grad', time(times.get('wasmgrad'))];
    if (baseline !== null) row.push(`${time(times.get('baseline'))} (${fixed(times.get('baseline') / times.get('wasmgrad'), 2)}x)`);
    dispatchRows.push(row);
  }
}
// Last: a recorded node keeps its saved tensors until the graph is collected, so these rows come after the leak check.
console.log('\nfixed cost of one op on 64 float32 elements, dispose included:\n');
console.log(markdownTable(['op', 'autograd', 'wasmgrad', ...(baseline !== null ? ['baseline (its time / ours)'] : [])], dispatchRows));
console.log('');

