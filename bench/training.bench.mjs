// One training step of the ExD.3 patch-embedding MLP, wasmgrad against TensorFlow.js (cpu and wasm backends) in
// one process: forward, mean squared error against a fixed target, backward, and an SGD or Adam update.
// wasmgrad: Sequential(Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', {p1: 8, p2: 8}), Linear(64, 64, no bias),
// ReLU, Linear(64, 128, no bias)), F.mseLoss, loss.backward(), optim.SGD / optim.Adam.
// TensorFlow.js (tfjs-core ops only; tfjs-layers is not used): reshape -> transpose -> reshape for the patches, two
// matMuls with a relu between, tf.losses-style mean of squares, optimizer.minimize over two tf.variables
// (tf.train.sgd / tf.train.adam). Both start from the same weights; the losses of the first steps are compared.
// Usage: npm run build && node bench/training.bench.mjs [--quick]
import { lcgValues, tensorFromArray } from './lib/inputs.mjs';
import { createRequire } from 'node:module';
import { interleaved } from './lib/timing.mjs';
import { fixed, machineDescription, markdownTable, duration } from './lib/report.mjs';
import { loadTfjs, useTfjsBackend } from './lib/competitors.mjs';

const wasmgrad = await import(process.env.WASMGRAD_MODULE ?? '../dist/index.js');
const { nn, optim, tensor, tidy, noGrad, manualSeed, backendInfo, memory } = wasmgrad;
const mseLoss = nn.functional.mseLoss;

const quick = process.argv.includes('--quick');
const BATCHES = quick ? [6] : [6, 64];
const OPTIMIZERS = [
  { name: 'SGD', lr: 0.01, wasmgrad: (params, lr) => new optim.SGD(params, { lr }), tfjs: (tf, lr) => tf.train.sgd(lr) },
  { name: 'Adam', lr: 0.001, wasmgrad: (params, lr) => new optim.Adam(params, { lr }), tfjs: (tf, lr) => tf.train.adam(lr) },
];
const P = 8; // patch size
const S = 32; // image size
const PATCHES = (S / P) ** 2;



/** The weights both libraries start from: PyTorch's default Linear initialisation, drawn by wasmgrad. */
function initialWeights() {
  manualSeed(0);
  const l1 = new nn.Linear(64, 64, { bias: false });
  const l2 = new nn.Linear(64, 128, { bias: false });
  const weights = { w1: l1.weight.toTypedArray(), w2: l2.weight.toTypedArray() }; // [out, in], row-major
  l1.weight.dispose();
  l2.weight.dispose();
  return weights;
}

/** wasmgrad: the model, its optimizer and a step function that returns nothing (or the loss when asked). */
function wasmgradTrainer(batch, opt, weights, image, target) {
  const l1 = new nn.Linear(64, 64, { bias: false });
  const l2 = new nn.Linear(64, 128, { bias: false });
  setWeight(l1, weights.w1, [64, 64]);
  setWeight(l2, weights.w2, [128, 64]);
  const model = new nn.Sequential(new nn.Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: P, p2: P }), l1, new nn.ReLU(), l2);
  const optimizer = opt.wasmgrad(model.parameters(), opt.lr);
  const x = tensorFromArray(image, [batch, 1, S, S], tensor);
  const y = tensorFromArray(target, [batch, PATCHES, 128], tensor);
  const step = (wantLoss = false) => {
    optimizer.zeroGrad();
    const loss = tidy(() => {
      const l = mseLoss(model.forward(x), y);
      l.backward();
      return wantLoss ? l.item() : null;
    });
    optimizer.step();
    return loss;
  };
  const dispose = () => {
    optimizer.zeroGrad();
    for (const state of optimizer.state.values()) for (const v of Object.values(state)) if (typeof v === 'object') v.dispose();
    for (const p of model.parameters()) p.dispose();
    x.dispose();
    y.dispose();
  };
  return { step, dispose };
}

/** Overwrites a Linear layer's weight with `data` ([out, in], row-major). */
function setWeight(layer, data, shape) {
  const source = tensorFromArray(data, shape, tensor);
  noGrad(() => layer.weight.copy_(source));
  source.dispose();
}

/** TensorFlow.js on the active backend: the same model with tfjs-core ops and tf.train optimizers. */
function tfjsTrainer(tf, batch, opt, weights, image, target) {
  // tf.matMul(x, w) with w [in, out]: the transposes of the [out, in] Linear weights.
  const w1 = tf.variable(tf.transpose(tf.tensor2d(weights.w1, [64, 64])));
  const w2 = tf.variable(tf.transpose(tf.tensor2d(weights.w2, [128, 64])));
  const x = tf.tensor4d(image, [batch, 1, S, S]);
  const y = tf.tensor2d(target, [batch * PATCHES, 128]);
  const optimizer = opt.tfjs(tf, opt.lr);
  const n = S / P;
  const loss = () => {
    const patches = tf.reshape(tf.transpose(tf.reshape(x, [batch, 1, n, P, n, P]), [0, 2, 4, 3, 5, 1]), [batch * PATCHES, P * P]);
    const out = tf.matMul(tf.relu(tf.matMul(patches, w1)), w2);
    return tf.mean(tf.square(tf.sub(out, y)));
  };
  const step = (wantLoss = false) => {
    const cost = optimizer.minimize(loss, wantLoss, [w1, w2]);
    if (!wantLoss) return null;
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  };
  const dispose = () => {
    optimizer.dispose();
    for (const t of [w1, w2, x, y]) t.dispose();
  };
  return { step, dispose };
}

/** The losses of the first three steps (each before its update) agree across the libraries. */
function checkSameLosses(name, losses, reference) {
  losses.forEach((l, i) => {
    if (!(Math.abs(l - reference[i]) <= 1e-4 * Math.abs(reference[i]))) {
      throw new Error(`${name}: loss at step ${i} is ${l}, wasmgrad's is ${reference[i]}`);
    }
  });
}

/**
 * tfjs-core's Node build (the CommonJS bundle) leaves out the gradient definitions that the @tensorflow/tfjs
 * package registers; its ES module dist/register_all_gradients.js has them, but with extensionless imports that Node
 * cannot resolve. esbuild bundles it in memory; its registrations land in tfjs's global gradient registry.
 */
async function registerTfjsGradients() {
  const require = createRequire(import.meta.url);
  const esbuild = await import('esbuild');
  const entry = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const { outputFiles } = await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

const tfjs = loadTfjs();
if (tfjs !== null) await registerTfjsGradients();
const tfBackends = tfjs?.backends ?? [];
const OTHERS = tfBackends.map((b) => `tfjs-${b}`);

console.log(`ExD.3 patch-embedding MLP, one training step (float32), ${machineDescription()}`);
console.log(
  `wasmgrad kernel binary: ${backendInfo().binary}; medians of 9 rounds that alternate between the libraries, after ` +
    `warm-up; ratios = their time / wasmgrad's time (their time in parentheses)\n`,
);

const weights = initialWeights();
const startMemory = memory();

// The first case of a run measured up to 1.5x slower than the same case run later (the engine is still compiling
// and tiering up the code of every op involved); one second of throwaway steps per optimizer takes that out.
for (const opt of OPTIMIZERS) {
  const image = lcgValues(6 * S * S, 3);
  const target = lcgValues(6 * PATCHES * 128, 4);
  const warm = wasmgradTrainer(6, opt, weights, image, target);
  const end = performance.now() + 1000;
  while (performance.now() < end) warm.step();
  warm.dispose();
}

const rows = [];
for (const batch of BATCHES) {
  const image = lcgValues(batch * S * S, 1);
  const target = lcgValues(batch * PATCHES * 128, 2);
  for (const opt of OPTIMIZERS) {
    const checkSteps = 3;
    const ours = wasmgradTrainer(batch, opt, weights, image, target);
    const reference = Array.from({ length: checkSteps }, () => ours.step(true));
    const alternatives = [{ name: 'wasmgrad', run: () => ours.step() }];
    const trainers = [ours];
    for (const backend of tfBackends) {
      const activate = () => useTfjsBackend(backend);
      if (!(await activate())) continue;
      const theirs = tfjsTrainer(tfjs.tf, batch, opt, weights, image, target);
      checkSameLosses(`tfjs-${backend} ${opt.name} batch ${batch}`, Array.from({ length: checkSteps }, () => theirs.step(true)), reference);
      alternatives.push({ name: `tfjs-${backend}`, activate, run: () => theirs.step() });
      trainers.push(theirs);
    }
    const before = memory().tensors;
    const times = await interleaved(alternatives);
    if (memory().tensors !== before) throw new Error(`wasmgrad: ${memory().tensors - before} tensors left alive by the timed steps`);
    for (const t of trainers) t.dispose();
    const ms = times.get('wasmgrad');
    rows.push([
      `[${batch}, 1, 32, 32], ${opt.name}`,
      duration(ms),
      ...OTHERS.map((name) => (times.has(name) ? `${fixed(times.get(name) / ms, 1)}x (${duration(times.get(name))})` : '-')),
    ]);
  }
}
console.log(markdownTable(['input, optimizer', 'wasmgrad', ...OTHERS.map((o) => `vs ${o}`)], rows));
const endMemory = memory();
if (endMemory.tensors !== startMemory.tensors) {
  throw new Error(`wasmgrad tensors left alive: ${startMemory.tensors} before, ${endMemory.tensors} after`);
}
