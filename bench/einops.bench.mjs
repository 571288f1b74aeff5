// einops patch extraction: wasmgrad's rearrange against what a JavaScript user would use instead, in one process:
// TensorFlow.js (reshape + transpose + reshape) with its wasm and cpu backends, and plain JavaScript loops; the
// bound is a plain typed-array copy of the same bytes (Float32Array.prototype.set). Reports GB/s (bytes of the
// tensor / time; every byte is read once and written once) and how many times faster wasmgrad is.
// Usage: npm run build && node bench/einops.bench.mjs [--quick]
import { lcgValues } from './lib/inputs.mjs';
import { measure } from './lib/timing.mjs';
import { duration, fixed, machineDescription, markdownTable } from './lib/report.mjs';
import { loadTfjs, useTfjsBackend } from './lib/competitors.mjs';

const wasmgrad = await import(process.env.WASMGRAD_MODULE ?? '../dist/index.js');
const { rearrange, tensor, backendInfo } = wasmgrad;
if (typeof rearrange !== 'function') throw new Error('this build of wasmgrad does not export rearrange');

const quick = process.argv.includes('--quick');

/**
 * [label, pattern, batch, channels, image size, patch size, output order]: 'pixel-major' is (p1 p2 c) (the ExD.3
 * pattern: with 3 channels the innermost run is 3 elements of stride H*W), 'channel-major' is (c p1 p2) (runs
 * of p contiguous elements).
 */
const BATCH = quick ? 8 : 64;
const CASES = [
  [`[${BATCH}, 3, 224, 224], p = 16, (p1 p2 c)`, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', BATCH, 3, 224, 16, 'pixel-major'],
  [`[${BATCH}, 3, 224, 224], p = 16, (c p1 p2)`, 'b c (h p1) (w p2) -> b (h w) (c p1 p2)', BATCH, 3, 224, 16, 'channel-major'],
  ['ExD.3 [6, 1, 32, 32], p = 8, (p1 p2 c)', 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', 6, 1, 32, 8, 'pixel-major'],
];

/** The (p1 p2 c) patches of an NCHW image with plain loops, writing the output in order. */
function jsPatchesPixelMajor(src, dst, B, C, S, P) {
  const n = S / P;
  const plane = S * S;
  let o = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        for (let p1 = 0; p1 < P; p1++) {
          const row = b * C * plane + (i * P + p1) * S + j * P;
          for (let p2 = 0; p2 < P; p2++) {
            for (let c = 0; c < C; c++) dst[o++] = src[row + p2 + c * plane];
          }
        }
      }
    }
  }
}

/** The (c p1 p2) patches: each patch row is a contiguous run of P elements, copied with subarray + set. */
function jsPatchesChannelMajor(src, dst, B, C, S, P) {
  const n = S / P;
  const plane = S * S;
  let o = 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        for (let c = 0; c < C; c++) {
          for (let p1 = 0; p1 < P; p1++) {
            const from = b * C * plane + c * plane + (i * P + p1) * S + j * P;
            for (let p2 = 0; p2 < P; p2++) dst[o++] = src[from + p2];
          }
        }
      }
    }
  }
}

const contenders = [];

contenders.push({
  name: 'wasmgrad',
  setup(data, [B, C, S, P], pattern) {
    const x = tensor(data).reshape(B, C, S, S);
    return { run: () => rearrange(x, pattern, { p1: P, p2: P }).dispose(), dispose: () => x.dispose() };
  },
});

contenders.push({
  name: 'JS loops',
  setup(data, [B, C, S, P], pattern, order) {
    const dst = new Float32Array(data.length);
    const loops = order === 'pixel-major' ? jsPatchesPixelMajor : jsPatchesChannelMajor;
    return { run: () => loops(data, dst, B, C, S, P), dispose() {} };
  },
});

const tfjs = loadTfjs();
for (const backend of tfjs?.backends ?? []) {
  contenders.push({
    name: `tfjs-${backend}`,
    async prepare() {
      return useTfjsBackend(backend);
    },
    setup(data, [B, C, S, P], pattern, order) {
      const { tf } = tfjs;
      const x = tf.tensor4d(data, [B, C, S, S]);
      const n = S / P;
      const perm = order === 'pixel-major' ? [0, 2, 4, 3, 5, 1] : [0, 2, 4, 1, 3, 5];
      const run = () => {
        const y = tf.tidy(() => tf.reshape(tf.transpose(tf.reshape(x, [B, C, n, P, n, P]), perm), [B, n * n, P * P * C]));
        y.dataSync(); // the wasm and cpu backends compute eagerly; this only makes sure the work is done
        y.dispose();
      };
      return { run, dispose: () => x.dispose() };
    },
  });
}

// The bound: the same number of bytes copied by one typed-array copy (a memmove).
const bound = {
  name: 'Float32Array.set',
  setup(data) {
    const dst = new Float32Array(data.length);
    return { run: () => dst.set(data), dispose() {} };
  },
};

console.log(`einops patch extraction (float32), ${machineDescription()}`);
console.log(
  `wasmgrad kernel binary: ${backendInfo().binary}; median of 9 runs after warm-up; GB/s = tensor bytes / time ` +
    `(read once, written once); ratios = their time / wasmgrad's time\n`,
);

const results = new Map(); // label -> name -> ms
const all = [bound, ...contenders];
for (const contender of all) {
  if (contender.prepare !== undefined && !(await contender.prepare())) continue;
  for (const [label, pattern, B, C, S, P, order] of CASES) {
    const data = lcgValues(B * C * S * S, 1);
    const { run, dispose } = contender.setup(data, [B, C, S, P], pattern, order);
    const { median } = measure(run);
    dispose();
    if (!results.has(label)) results.set(label, new Map());
    results.get(label).set(contender.name, median);
  }
}

const others = contenders.map((c) => c.name).filter((name) => name !== 'wasmgrad');
const rows = CASES.map(([label, , B, C, S]) => {
  const times = results.get(label);
  const bytes = B * C * S * S * 4;
  const ours = times.get('wasmgrad');
  const bounded = times.get(bound.name);
  return [
    label,
    duration(ours),
    fixed(bytes / (ours * 1e6), 2),
    `${fixed(bytes / (bounded * 1e6), 2)} (${fixed((100 * bounded) / ours, 0)}%)`,
    ...others.map((name) => (times.has(name) ? `${fixed(times.get(name) / ours, 1)}x (${fixed(bytes / (times.get(name) * 1e6), 2)} GB/s)` : '-')),
  ];
});
console.log(
  markdownTable(['case', 'wasmgrad', 'GB/s', 'Float32Array.set GB/s (wasmgrad / bound)', ...others.map((o) => `vs ${o}`)], rows),
);
