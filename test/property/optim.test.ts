// Optimiser step kernels (assembly/optim.ts) through optim.SGD, optim.Adam and optim.AdamW over several steps,
// against the update formulas of torch/optim (sgd.py, adam.py) in exact arithmetic, and the SIMD kernels against
// their scalar reference loops (bit for bit: both round every product and sum separately, on both binaries).
//
// Bound: each step is compared with the formula applied in exact arithmetic to the state the step started from,
// within the first-order running error bound of the formula in the dtype (reference.ts `boundedOps`: each operation
// adds one rounding of its result, relative or, for a subnormal result, half a subnormal spacing; hyper-parameters
// are rounded to the dtype).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optim, type Tensor, tensor } from '../../src/index';
import { kernels } from '../../src/backend/wasm';
import {
  type FloatDType, FLOAT_DTYPES, floatValue, lengthArb, property,
} from './arbitraries';
import { expectSameBits } from './compare';
import { type Bounded, boundedOps } from './reference';

const RUNS = 20;

function expectBounded(got: ArrayLike<number>, want: Bounded[], label: string): void {
  for (let i = 0; i < want.length; i++) {
    const { v, e } = want[i];
    const ok = Number.isFinite(v) ? Math.abs(got[i] - v) <= e : Object.is(got[i], v) || (Number.isNaN(got[i]) && Number.isNaN(v));
    if (!ok) expect.fail(`${label}: element ${i} is ${got[i]}, expected ${v} within ${e}`);
  }
}

const values = (dtype: FloatDType) => floatValue(dtype, { finite: true, min: -4, max: 4 });
const read = (t: Tensor) => Array.from(t.toTypedArray() as Float32Array);

describe('SGD against torch.optim.SGD', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: momentum, dampening, Nesterov, weight decay, maximize over several steps`, () => {
      const arb = fc
        .record({
          n: lengthArb.filter((n) => n <= 300),
          lr: fc.constantFrom(0.1, 1e-3, 0.7),
          momentum: fc.constantFrom(0, 0.9, 0.5),
          dampening: fc.constantFrom(0, 0.1),
          weightDecay: fc.constantFrom(0, 0.01, 0.3),
          nesterov: fc.boolean(),
          maximize: fc.boolean(),
          steps: fc.integer({ min: 1, max: 4 }),
        })
        .map((o) => (o.nesterov ? { ...o, momentum: o.momentum || 0.9, dampening: 0 } : o))
        .chain((o) => fc.record({ o: fc.constant(o), p: fc.array(values(dtype), { minLength: o.n, maxLength: o.n }), grads: fc.array(fc.array(values(dtype), { minLength: o.n, maxLength: o.n }), { minLength: o.steps, maxLength: o.steps }) }));
      property(`optim ${dtype} sgd`, arb, ({ o, p, grads }) => {
        const { n, lr, momentum, dampening, weightDecay, nesterov, maximize } = o;
        const tiny = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
        const B = boundedOps(dtype === 'float32' ? 2 ** -24 : 2 ** -53, tiny);
        const param = tensor(p, { dtype }).requiresGrad_();
        const opt = new optim.SGD([param], { lr, momentum, dampening, weightDecay, nesterov, maximize });
        let buffer: number[] | null = null;
        for (const [step, grad] of grads.entries()) {
          const before = read(param);
          param.grad = tensor(grad, { dtype });
          opt.step();
          const wantBuffer: Bounded[] = [];
          const want = before.map((pv, i) => {
            let g = maximize ? B.neg(B.exact(grad[i])) : B.exact(grad[i]);
            if (weightDecay !== 0) g = B.add(g, B.mul(B.constant(weightDecay), B.exact(pv)));
            if (momentum !== 0) {
              const b = buffer === null ? g : B.add(B.mul(B.exact(buffer[i]), B.constant(momentum)), B.mul(B.constant(1 - dampening), g));
              wantBuffer.push(b);
              g = nesterov ? B.add(g, B.mul(B.constant(momentum), b)) : b;
            }
            return B.add(B.exact(pv), B.mul(B.constant(-lr), g));
          });
          const label = `${dtype} SGD step ${step + 1} n ${n} ${JSON.stringify(o)}`;
          expectBounded(read(param), want, label);
          if (momentum !== 0) {
            const state = opt.state.get(param)!.momentumBuffer as Tensor;
            expectBounded(read(state), wantBuffer, `${label}: momentum buffer`);
            buffer = read(state);
          }
          param.grad.dispose();
          param.grad = null;
        }
        opt.disposeState();
      }, RUNS);
    });
  }
});

describe('Adam and AdamW against torch.optim.Adam / AdamW', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: amsgrad, weight decay (coupled and decoupled), maximize over several steps`, () => {
      const arb = fc
        .record({
          n: lengthArb.filter((n) => n <= 300),
          lr: fc.constantFrom(1e-3, 0.1),
          beta1: fc.constantFrom(0.9, 0.3, 0),
          beta2: fc.constantFrom(0.999, 0.9),
          eps: fc.constantFrom(1e-8, 1e-3),
          weightDecay: fc.constantFrom(0, 0.01, 0.5),
          amsgrad: fc.boolean(),
          maximize: fc.boolean(),
          decoupled: fc.boolean(),
          steps: fc.integer({ min: 1, max: 4 }),
        })
        .chain((o) => fc.record({ o: fc.constant(o), p: fc.array(values(dtype), { minLength: o.n, maxLength: o.n }), grads: fc.array(fc.array(values(dtype), { minLength: o.n, maxLength: o.n }), { minLength: o.steps, maxLength: o.steps }) }));
      property(`optim ${dtype} adam`, arb, ({ o, p, grads }) => {
        const { n, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled } = o;
        const tiny = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
        const B = boundedOps(dtype === 'float32' ? 2 ** -24 : 2 ** -53, tiny);
        const param = tensor(p, { dtype }).requiresGrad_();
        const options = { lr, betas: [beta1, beta2] as [number, number], eps, weightDecay, amsgrad, maximize };
        const opt = decoupled ? new optim.AdamW([param], options) : new optim.Adam([param], options);
        let m = new Array<number>(n).fill(0);
        let v = new Array<number>(n).fill(0);
        let vmax = new Array<number>(n).fill(0);
        for (const [s, grad] of grads.entries()) {
          const step = s + 1;
          const before = read(param);
          param.grad = tensor(grad, { dtype });
          opt.step();
          const bc1 = 1 - beta1 ** step;
          const bc2 = 1 - beta2 ** step;
          const wantM: Bounded[] = [];
          const wantV: Bounded[] = [];
          const want = before.map((pv, i) => {
            let g = maximize ? B.neg(B.exact(grad[i])) : B.exact(grad[i]);
            let pp = B.exact(pv);
            if (weightDecay !== 0) {
              if (decoupled) pp = B.mul(pp, B.constant(1 - lr * weightDecay));
              else g = B.add(g, B.mul(B.constant(weightDecay), pp));
            }
            // exp_avg.lerp_(grad, 1 - beta1) (ATen's lerp: the other form for weights of 0.5 and above)
            const w = B.constant(1 - beta1);
            const mi = B.exact(m[i]);
            const diff = B.sub(g, mi);
            const mNew = 1 - beta1 < 0.5 ? B.add(mi, B.mul(w, diff)) : B.sub(g, B.mul(diff, B.sub(B.exact(1), w)));
            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            let vNew = B.add(B.mul(B.exact(v[i]), B.constant(beta2)), B.mul(B.mul(B.constant(1 - beta2), g), g));
            wantM.push(mNew);
            wantV.push(vNew);
            if (amsgrad) vNew = B.max(B.exact(vmax[i]), vNew);
            const denom = B.add(B.div(B.sqrt(vNew), B.constant(Math.sqrt(bc2))), B.constant(eps));
            return B.add(pp, B.div(B.mul(B.constant(-lr / bc1), mNew), denom));
          });
          const label = `${dtype} ${decoupled ? 'AdamW' : 'Adam'} step ${step} n ${n} ${JSON.stringify(o)}`;
          expectBounded(read(param), want, label);
          const state = opt.state.get(param)!;
          expectBounded(read(state.expAvg as Tensor), wantM, `${label}: exp_avg`);
          expectBounded(read(state.expAvgSq as Tensor), wantV, `${label}: exp_avg_sq`);
          m = read(state.expAvg as Tensor);
          v = read(state.expAvgSq as Tensor);
          if (amsgrad) {
            vmax = read(state.maxExpAvgSq as Tensor);
            v.forEach((vi, i) => expect(vmax[i] >= vi, `${label}: max_exp_avg_sq below exp_avg_sq`).toBe(true));
          }
          param.grad.dispose();
          param.grad = null;
        }
        opt.disposeState();
      }, RUNS);
    });
  }
});

/** The SIMD kernels and their scalar references, by dtype. */
const KERNELS = {
  float32: { sgd: kernels.sgdStepF32, sgdReference: kernels.sgdStepF32Reference, adam: kernels.adamStepF32, adamReference: kernels.adamStepF32Reference },
  float64: { sgd: kernels.sgdStepF64, sgdReference: kernels.sgdStepF64Reference, adam: kernels.adamStepF64, adamReference: kernels.adamStepF64Reference },
};

describe('optimiser kernels: SIMD against the scalar reference, bit for bit', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: every flag, every tail length, special values`, () => {
      const arb = fc
        .record({ n: lengthArb.filter((n) => n <= 300), sgdFlags: fc.integer({ min: 0, max: 7 }), adamFlags: fc.integer({ min: 0, max: 7 }) })
        .chain((o) => fc.record({ o: fc.constant(o), state: fc.array(fc.array(floatValue(dtype), { minLength: o.n, maxLength: o.n }), { minLength: 5, maxLength: 5 }) }));
      property(`optim ${dtype} kernels`, arb, ({ o: { n, sgdFlags, adamFlags }, state }) => {
        const k = KERNELS[dtype];
        const run = (reference: boolean) => {
          // param, grad, momentum buffer / exp_avg, then exp_avg_sq and max_exp_avg_sq (non-negative, as they are)
          const [p, g, a, b, c] = state.map((s, i) => tensor(i >= 3 ? s.map(Math.abs) : s, { dtype }));
          (reference ? k.sgdReference : k.sgd)(p._ptr, g._ptr, a._ptr, n, 0.1, 0.9, 0.1, 0.01, sgdFlags);
          (reference ? k.adamReference : k.adam)(p._ptr, g._ptr, a._ptr, b._ptr, c._ptr, n, 0.1, 0.999, 1e-8, 0.01, 0.99, -0.01, 0.3, adamFlags);
          return [p, a, b, c].map(read);
        };
        const simd = run(false);
        const reference = run(true);
        simd.forEach((got, i) => expectSameBits(got, reference[i], `${dtype} optimiser kernels n ${n} flags ${sgdFlags} / ${adamFlags}: array ${i}`));
      }, RUNS);
    });
  }
});
