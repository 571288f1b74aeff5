// npm run soak [-- --minutes M]: trains the ExD.3 patch embedding (Rearrange, Linear, ReLU, Linear; Adam, MSE to
// a fixed random target) and an MLP classifier (Linear-ReLU-Linear-ReLU-Linear; SGD with momentum, cross
// entropy on a fixed synthetic batch) in alternating steps for M minutes (default 10). It checks that both losses
// fall, that memory() (live tensors and bytes) and the WebAssembly memory size are the same at every sample after
// the first, and that rerunning the first steps from the same seed gives bit-identical losses and parameters.
// Not part of npm test: it runs for minutes and its figures go into bench/RESULTS.md.
import { manualSeed, memory, nn, optim, randint, randn, tidy } from '../dist/index.js';

const args = process.argv.slice(2);
const minutesAt = args.indexOf('--minutes');
const minutes = minutesAt >= 0 ? Number(args[minutesAt + 1]) : 10;
if (!(minutes > 0)) throw new RangeError(`--minutes expects a positive number, got ${args[minutesAt + 1]}`);
const REPLAY_STEPS = 200;
const SAMPLE_EVERY_MS = 5000;

function makeModels(seed) {
  manualSeed(seed);
  const images = randn(6, 1, 32, 32);
  const target = randn(6, 16, 128);
  const patches = new nn.Sequential(
    new nn.Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 }),
    new nn.Linear(64, 64, { bias: false }),
    new nn.ReLU(),
    new nn.Linear(64, 128, { bias: false }),
  );
  const features = randn(64, 32);
  const labels = randint(0, 10, [64]);
  const mlp = new nn.Sequential(new nn.Linear(32, 128), new nn.ReLU(), new nn.Linear(128, 128), new nn.ReLU(), new nn.Linear(128, 10));
  return {
    patches, images, target, features, labels, mlp,
    patchOpt: new optim.Adam(patches.parameters(), { lr: 1e-3 }),
    mlpOpt: new optim.SGD(mlp.parameters(), { lr: 0.05, momentum: 0.9 }),
  };
}

/** One step of each model; returns the two losses (as float32 numbers read after the step's forward). */
function step(m) {
  return tidy(() => {
    m.patchOpt.zeroGrad();
    const patchLoss = nn.functional.mseLoss(m.patches.forward(m.images), m.target);
    patchLoss.backward();
    m.patchOpt.step();
    m.mlpOpt.zeroGrad();
    const mlpLoss = nn.functional.crossEntropy(m.mlp.forward(m.features), m.labels);
    mlpLoss.backward();
    m.mlpOpt.step();
    return [patchLoss.item(), mlpLoss.item()];
  });
}

/** The parameters' bytes, hashed (FNV-1a over their float32 bit patterns). */
function parameterHash(m) {
  let h = 0x811c9dc5;
  for (const model of [m.patches, m.mlp]) {
    for (const p of model.parameters()) {
      for (const bits of new Uint32Array(Float32Array.from(p.toTypedArray()).buffer)) h = Math.imul(h ^ bits, 0x01000193) >>> 0;
    }
  }
  return h.toString(16);
}

function dispose(m) {
  for (const t of [m.images, m.target, m.features, m.labels]) t.dispose();
  m.patches.dispose();
  m.mlp.dispose();
}

const seed = 2026;
const models = makeModels(seed);
const replayLosses = [];
const samples = [];
const started = performance.now();
let lastSample = -Infinity;
let steps = 0;
let first = null;
let last = null;
let replayHashFirst = null;
while (performance.now() - started < minutes * 60_000) {
  const losses = step(models);
  steps++;
  if (steps <= REPLAY_STEPS) replayLosses.push(losses);
  if (steps === REPLAY_STEPS) replayHashFirst = parameterHash(models);
  first ??= losses;
  last = losses;
  if (!losses.every(Number.isFinite)) throw new Error(`step ${steps}: a loss is not finite: ${losses}`);
  const now = performance.now();
  if (now - lastSample >= SAMPLE_EVERY_MS) {
    lastSample = now;
    const m = memory();
    samples.push({ seconds: (now - started) / 1000, steps, tensors: m.tensors, bytes: m.bytes, wasmBytes: m.wasmBytes });
  }
}
const elapsed = (performance.now() - started) / 1000;
dispose(models);

// Replay: the first steps again from the same seed, bit for bit.
const again = makeModels(seed);
let replayIdentical = steps >= REPLAY_STEPS;
for (let i = 0; i < Math.min(steps, REPLAY_STEPS); i++) {
  const losses = step(again);
  if (losses[0] !== replayLosses[i][0] || losses[1] !== replayLosses[i][1]) replayIdentical = false;
}
const replayHash = steps >= REPLAY_STEPS ? parameterHash(again) : null;
replayIdentical &&= replayHash === replayHashFirst;
dispose(again);

const steady = samples.slice(1);
const bounded = steady.every((s) => s.tensors === steady[0].tensors && s.bytes === steady[0].bytes && s.wasmBytes === steady[0].wasmBytes);
const falls = last[0] < first[0] && last[1] < first[1];
const mib = (b) => (b / 2 ** 20).toFixed(1);
console.log(`soak: ${minutes} min, ${steps} steps of both models (${(steps / elapsed).toFixed(1)} steps/s), ${samples.length} memory samples`);
console.log(`  ExD.3 patch embedding (Adam, MSE): loss ${first[0].toPrecision(5)} -> ${last[0].toPrecision(5)}`);
console.log(`  MLP 32-128-128-10 (SGD momentum, cross entropy): loss ${first[1].toPrecision(5)} -> ${last[1].toPrecision(5)}`);
const s0 = steady[0] ?? samples[0];
console.log(`  memory after the first sample: ${s0.tensors} live tensors, ${mib(s0.bytes)} MiB in tensors, ${mib(s0.wasmBytes)} MiB wasm memory; ${bounded ? 'identical at every sample' : 'CHANGED'}`);
console.log(`  replay of the first ${REPLAY_STEPS} steps from seed ${seed}: ${replayIdentical ? 'bit-identical losses and parameters' : 'DIFFERENT'}`);
if (!falls || !bounded || !replayIdentical) {
  console.error('soak failed:', JSON.stringify({ falls, bounded, replayIdentical, samples: samples.slice(0, 5) }));
  process.exit(1);
}
