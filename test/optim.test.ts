// Optimisers: the fused kernels against their scalar references and against PyTorch's formulas written out in
// JavaScript, hyper-parameter validation, all-or-nothing steps, parameter groups and state dicts.
import { elementsOf } from '../src/backend/elements';
import { describe, expect, it } from 'vitest';
import { kernels } from '../src/backend/wasm';
import { Generator, memory, tensor, zeros, Tensor } from '../src/index';
import * as nn from '../src/nn';
import * as optim from '../src/optim';
import { values } from './support/tensor-values';

/** A contiguous tensor of n random values in [lo, hi). */
function randomTensor(n: number, dtype: 'float32' | 'float64', seed: number, lo = -1, hi = 1): Tensor {
  const t = Tensor._empty([n], dtype);
  const g = new Generator(seed);
  if (dtype === 'float32') g.fillUniformF32(elementsOf(t) as Float32Array, lo, hi);
  else g.fillUniformF64(elementsOf(t) as Float64Array, lo, hi);
  return t;
}

/** A parameter with the given values and a gradient. */
function param(data: number[], grad: number[], dtype: 'float32' | 'float64' = 'float32'): nn.Parameter {
  const p = new nn.Parameter(tensor(data, { dtype }));
  p.grad = tensor(grad, { dtype });
  return p;
}

describe('optimiser kernels: SIMD loops equal the scalar references bit for bit', () => {
  const sizes = [0, 1, 3, 4, 5, 8, 17, 33];
  for (const dtype of ['float32', 'float64'] as const) {
    it(`sgdStep ${dtype}`, () => {
      const simd = dtype === 'float32' ? kernels.sgdStepF32 : kernels.sgdStepF64;
      const reference = dtype === 'float32' ? kernels.sgdStepF32Reference : kernels.sgdStepF64Reference;
      for (const n of sizes) {
        for (const flags of [0, 1, 2, 3, 4, 6, 7]) {
          const momentum = flags & 2 || flags & 4 ? 0.9 : 0;
          const runs = [simd, reference].map((run) => {
            const p = randomTensor(n, dtype, 1);
            const g = randomTensor(n, dtype, 2);
            const b = randomTensor(n, dtype, 3);
            run(p._ptr, g._ptr, b._ptr, n, 0.1, momentum, flags & 2 ? 0 : 0.25, 0.01, flags);
            return [values(p), values(b)];
          });
          expect(runs[0]).toEqual(runs[1]);
        }
      }
    });

    it(`adamStep ${dtype}`, () => {
      const simd = dtype === 'float32' ? kernels.adamStepF32 : kernels.adamStepF64;
      const reference = dtype === 'float32' ? kernels.adamStepF32Reference : kernels.adamStepF64Reference;
      for (const n of sizes) {
        for (const flags of [0, 1, 2, 3, 4, 7]) {
          for (const oneMinusBeta1 of [0.1, 0.7]) {
            const runs = [simd, reference].map((run) => {
              const p = randomTensor(n, dtype, 4);
              const g = randomTensor(n, dtype, 5);
              const m = randomTensor(n, dtype, 6);
              const v = randomTensor(n, dtype, 7, 0, 1);
              const mx = randomTensor(n, dtype, 8, 0, 1);
              run(p._ptr, g._ptr, m._ptr, v._ptr, mx._ptr, n, oneMinusBeta1, 0.999, 1e-8, 0.01, 0.9999, -0.02, 0.05, flags);
              return [p, m, v, mx].map(values);
            });
            expect(runs[0]).toEqual(runs[1]);
          }
        }
      }
    });
  }
});

// ---------------------------------------------------------------- PyTorch's formulas, one rounding per operation

interface SgdHyper { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean; maximize: boolean }

/** torch/optim/sgd.py _single_tensor_sgd on plain arrays, float32 arithmetic (scalars cast to float first). */
function referenceSgd(p: number[], grads: number[][], h: SgdHyper): number[] {
  const f = Math.fround;
  const x = p.map(f);
  const buf: number[] = [];
  for (const gradStep of grads) {
    let g = gradStep.map((v) => (h.maximize ? -f(v) : f(v)));
    if (h.weightDecay !== 0) g = g.map((v, i) => f(v + f(f(h.weightDecay) * x[i])));
    if (h.momentum !== 0) {
      const first = buf.length === 0;
      for (let i = 0; i < g.length; i++) buf[i] = first ? g[i] : f(f(buf[i] * f(h.momentum)) + f(f(1 - h.dampening) * g[i]));
      g = h.nesterov ? g.map((v, i) => f(v + f(f(h.momentum) * buf[i]))) : buf.slice();
    }
    for (let i = 0; i < x.length; i++) x[i] = f(x[i] + f(f(-h.lr) * g[i]));
  }
  return x;
}

interface AdamHyper { lr: number; betas: [number, number]; eps: number; weightDecay: number; amsgrad: boolean; maximize: boolean; decoupled: boolean }

/** torch/optim/adam.py _single_tensor_adam on plain arrays, float32 arithmetic, bias corrections in double. */
function referenceAdam(p: number[], grads: number[][], h: AdamHyper): number[] {
  const f = Math.fround;
  const x = p.map(f);
  const m = x.map(() => 0);
  const v = x.map(() => 0);
  const vmax = x.map(() => 0);
  const [beta1, beta2] = h.betas;
  grads.forEach((gradStep, s) => {
    const step = s + 1;
    const bc1 = 1 - beta1 ** step;
    const bc2 = 1 - beta2 ** step;
    const stepSize = h.lr / bc1;
    const bc2Sqrt = Math.sqrt(bc2);
    for (let i = 0; i < x.length; i++) {
      let g = h.maximize ? -f(gradStep[i]) : f(gradStep[i]);
      if (h.weightDecay !== 0) {
        if (h.decoupled) x[i] = f(x[i] * f(1 - h.lr * h.weightDecay));
        else g = f(g + f(f(h.weightDecay) * x[i]));
      }
      const w = f(1 - beta1);
      m[i] = Math.abs(w) < 0.5 ? f(m[i] + f(w * f(g - m[i]))) : f(g - f(f(g - m[i]) * f(1 - w)));
      v[i] = f(v[i] * f(beta2));
      v[i] = f(v[i] + f(f(f(1 - beta2) * g) * g));
      let vv = v[i];
      if (h.amsgrad) vv = vmax[i] = Math.max(vmax[i], v[i]);
      const denom = f(f(f(Math.sqrt(vv)) / f(bc2Sqrt)) + f(h.eps));
      x[i] = f(x[i] + f(f(f(-stepSize) * m[i]) / denom));
    }
  });
  return x;
}

const P0 = [0.5, -1.25, 2, 0.125, -0.75, 1.5, -2.5, 0.3, 0.05];
const GRADS = [
  [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9],
  [-0.3, 0.25, 0.1, 0.6, -0.05, 0.2, -0.9, 0.4, 0.0],
  [0.2, 0.2, -0.7, 0.1, 0.3, -0.15, 0.05, 0.6, -0.2],
];

/** Runs an optimiser over the fixed gradients and returns the parameter's values. */
function run(make: (p: nn.Parameter) => optim.Optimizer<object>): number[] {
  const p = new nn.Parameter(tensor(P0));
  const opt = make(p);
  for (const g of GRADS) {
    p.grad = tensor(g);
    opt.step();
  }
  return values(p);
}

describe('optimiser steps follow PyTorch arithmetic exactly', () => {
  const sgdCases: Partial<SgdHyper>[] = [
    { lr: 0.1 },
    { lr: 0.05, momentum: 0.9 },
    { lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 },
    { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-2 },
    { lr: 0.3, maximize: true, weightDecay: 0.1 },
  ];
  for (const c of sgdCases) {
    it(`SGD ${JSON.stringify(c)}`, () => {
      const h: SgdHyper = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, ...c };
      expect(run((p) => new optim.SGD([p], c))).toEqual(referenceSgd(P0, GRADS, h));
    });
  }

  const adamCases: [string, Partial<AdamHyper>, (p: nn.Parameter, o: Partial<optim.AdamOptions>) => optim.Optimizer<object>][] = [
    ['Adam', { lr: 1e-2 }, (p, o) => new optim.Adam([p], o)],
    ['Adam', { lr: 1e-2, amsgrad: true }, (p, o) => new optim.Adam([p], o)],
    ['Adam', { lr: 1e-2, weightDecay: 0.1, maximize: true }, (p, o) => new optim.Adam([p], o)],
    ['Adam', { lr: 0.1, betas: [0.3, 0.9], eps: 1e-3 }, (p, o) => new optim.Adam([p], o)],
    ['AdamW', { lr: 1e-2, weightDecay: 0.1 }, (p, o) => new optim.AdamW([p], o)],
    ['AdamW', { lr: 1e-2, amsgrad: true }, (p, o) => new optim.AdamW([p], o)],
  ];
  for (const [name, c, make] of adamCases) {
    it(`${name} ${JSON.stringify(c)}`, () => {
      const decoupled = name === 'AdamW';
      const h: AdamHyper = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: decoupled ? 1e-2 : 0, amsgrad: false, maximize: false, decoupled, ...c };
      const { decoupled: _d, ...options } = h;
      expect(run((p) => make(p, options))).toEqual(referenceAdam(P0, GRADS, h));
    });
  }

  it('updates float64 parameters in double precision', () => {
    const p = new nn.Parameter(tensor([1, 2], { dtype: 'float64' }));
    p.grad = tensor([0.1, 0.3], { dtype: 'float64' });
    new optim.SGD([p], { lr: 0.1 }).step();
    expect(values(p)).toEqual([1 - 0.1 * 0.1, 2 + -0.1 * 0.3]);
  });

  it('updates a non-contiguous parameter and uses a non-contiguous gradient', () => {
    const base = new nn.Parameter(tensor([[1, 2], [3, 4]]));
    const view = base.detach().T;
    const p = new nn.Parameter(view);
    p.grad = tensor([[1, 10], [100, 1000]]).T;
    new optim.SGD([p], { lr: 0.5 }).step();
    // p = base^T and grad = g^T, so base moves by -0.5 * g elementwise.
    expect(base.tolist()).toEqual([[1 - 0.5, 2 - 5], [3 - 50, 4 - 500]]);
  });

  it('skips parameters without a gradient and returns the closure loss', () => {
    const a = param([1], [1]);
    const b = new nn.Parameter(tensor([5]));
    const opt = new optim.SGD([a, b], { lr: 1 });
    expect(opt.step(() => 42)).toBe(42);
    expect(values(a)).toEqual([0]);
    expect(values(b)).toEqual([5]);
  });
});

describe('hyper-parameters and parameter groups', () => {
  const p = () => new nn.Parameter(zeros(2));
  it('rejects invalid hyper-parameters with PyTorch messages', () => {
    expect(() => new optim.SGD([p()], { lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new optim.SGD([p()], { momentum: -0.5 })).toThrow('Invalid momentum value: -0.5');
    expect(() => new optim.SGD([p()], { weightDecay: -1e-3 })).toThrow('Invalid weight_decay value: -0.001');
    expect(() => new optim.SGD([p()], { nesterov: true })).toThrow('Nesterov momentum requires a momentum and zero dampening');
    expect(() => new optim.SGD([p()], { lr: NaN })).toThrow('Invalid learning rate: nan');
    expect(() => new optim.Adam([p()], { lr: -0.1 })).toThrow('Invalid learning rate: -0.1');
    expect(() => new optim.Adam([p()], { eps: -1 })).toThrow('Invalid epsilon value: -1');
    expect(() => new optim.Adam([p()], { betas: [1, 0.999] })).toThrow('Invalid beta parameter at index 0: 1');
    expect(() => new optim.Adam([p()], { betas: [0.9, -0.1] })).toThrow('Invalid beta parameter at index 1: -0.1');
    expect(() => new optim.AdamW([p()], { weightDecay: -1 })).toThrow('Invalid weight_decay value: -1');
    expect(() => new optim.SGD([p()], { lr: '0.1' as unknown as number })).toThrow('lr must be a number, got str');
  });

  it('checks the parameters it is given', () => {
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow('optimizer got an empty parameter list');
    expect(() => new optim.SGD(zeros(2) as never)).toThrow(
      'params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor',
    );
    expect(() => new optim.SGD([1 as never])).toThrow('optimizer can only optimize Tensors, but one of the params is int');
    const leaf = new nn.Parameter(zeros(2));
    expect(() => new optim.SGD([leaf, leaf])).toThrow('optimizer contains a parameter group with duplicate parameters');
    const opt = new optim.SGD([leaf]);
    expect(() => opt.addParamGroup({ params: [leaf] })).toThrow('some parameters appear in more than one parameter group');
    expect(() => opt.addParamGroup({ params: new Set([p()]) as never })).toThrow('ordered collections');
  });

  it('fills groups from the defaults and lets each group override them', () => {
    const a = param([1], [1]);
    const b = param([1], [1]);
    const opt = new optim.SGD([{ params: [a] }, { params: b, lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0.9], [0.5, 0.9]]);
    opt.step();
    expect(values(a)).toEqual([Math.fround(1 - Math.fround(0.1))]);
    expect(values(b)).toEqual([0.5]);
  });

  it('never half-updates: an invalid group or gradient leaves every parameter and state unchanged', () => {
    const a = param([1, 2], [1, 1]);
    const b = param([3, 4], [1, 1]);
    const opt = new optim.Adam([{ params: [a] }, { params: [b] }], { lr: 0.1 });
    opt.step();
    const snapshot = [values(a), values(b)];
    const stateBefore = opt.stateDict().state[0].step;
    opt.paramGroups[1].lr = -1;
    expect(() => opt.step()).toThrow('Invalid learning rate: -1');
    opt.paramGroups[1].lr = 0.1;
    b.grad = zeros(3);
    expect(() => opt.step()).toThrow('gradient of shape [3] does not match parameter of shape [2]');
    b.grad = tensor([1, 1], { dtype: 'float64' });
    expect(() => opt.step()).toThrow('gradient dtype torch.float64 does not match parameter dtype torch.float32');
    expect([values(a), values(b)]).toEqual(snapshot);
    expect(opt.stateDict().state[0].step).toBe(stateBefore);
  });

  it('zeroGrad releases or zeroes the gradients', () => {
    const a = param([1, 2], [3, 4]);
    const opt = new optim.SGD([a], { lr: 0.1 });
    const g = a.grad!;
    opt.zeroGrad(false);
    expect(a.grad).toBe(g);
    expect(values(g)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
    expect(g.isDisposed).toBe(true);
  });
});

describe('optimiser state dicts', () => {
  it("uses PyTorch's layout: state by parameter index, groups with index lists", () => {
    const a = param([1, 2], [1, 1]);
    const b = param([3], [1]);
    const c = param([4], [1]);
    const opt = new optim.Adam([{ params: [a, b] }, { params: [c], lr: 0.5 }], { amsgrad: true });
    opt.step();
    const sd = opt.stateDict();
    expect(sd.paramGroups).toEqual([
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, decoupledWeightDecay: false, params: [0, 1] },
      { lr: 0.5, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, decoupledWeightDecay: false, params: [2] },
    ]);
    expect(Object.keys(sd.state)).toEqual(['0', '1', '2']);
    expect(Object.keys(sd.state[0])).toEqual(['step', 'expAvg', 'expAvgSq', 'maxExpAvgSq']);
    expect(sd.state[0].step).toBe(1);
    const sgd = new optim.SGD([param([1], [1]), param([1], [1])], { lr: 0.1, momentum: 0.9 });
    sgd.step();
    expect(Object.keys(sgd.stateDict().state[1])).toEqual(['momentumBuffer']);
  });

  it('a reloaded optimiser continues exactly like the original', () => {
    const trainSteps = (opt: optim.Optimizer<object>, p: nn.Parameter, grads: number[][]) => {
      for (const g of grads) {
        p.grad = tensor(g);
        opt.step();
      }
    };
    for (const make of [
      (p: nn.Parameter) => new optim.Adam([p], { lr: 0.01, amsgrad: true }),
      (p: nn.Parameter) => new optim.SGD([p], { lr: 0.05, momentum: 0.9, nesterov: true }),
    ]) {
      const p1 = new nn.Parameter(tensor(P0));
      const o1 = make(p1);
      trainSteps(o1, p1, GRADS.slice(0, 2));
      const p2 = new nn.Parameter(tensor(values(p1)));
      const o2 = make(p2);
      o2.loadStateDict(o1.stateDict());
      trainSteps(o1, p1, GRADS.slice(2));
      trainSteps(o2, p2, GRADS.slice(2));
      expect(values(p2)).toEqual(values(p1));
    }
  });

  it('loaded state is a copy, converted to the parameter dtype; mismatches are refused before any change', () => {
    const p = param([1, 2], [1, 1]);
    const opt = new optim.Adam([p], { lr: 0.1 });
    opt.step();
    const sd = opt.stateDict();
    const q = param([1, 2], [1, 1], 'float64');
    const other = new optim.Adam([q], { lr: 0.2 });
    other.loadStateDict(sd);
    expect(other.paramGroups[0].lr).toBe(0.1);
    const loaded = other.state.get(q)!;
    expect((loaded.expAvg as Tensor).dtype).toBe('float64');
    expect(loaded.expAvg).not.toBe(opt.state.get(p)!.expAvg);

    const wrong = new optim.Adam([param([1, 2, 3], [1, 1, 1])], { lr: 0.3 });
    expect(() => wrong.loadStateDict(sd)).toThrow('expAvg has shape [2], the parameter has shape [3]');
    expect(wrong.paramGroups[0].lr).toBe(0.3);
    expect(() => new optim.Adam([param([1], [1]), param([1], [1])]).loadStateDict(sd)).toThrow(
      "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
    );
    expect(() => new optim.Adam([{ params: [param([1], [1])] }, { params: [param([1], [1])] }]).loadStateDict(sd)).toThrow(
      'loaded state dict has a different number of parameter groups',
    );
    const bad = { ...sd, paramGroups: [{ ...sd.paramGroups[0], lr: -5 }] };
    expect(() => other.loadStateDict(bad)).toThrow('Invalid learning rate: -5');
  });

  it('optimiser state lives outside tidy scopes and disposeState releases it', () => {
    const p = param([1, 2, 3], [1, 1, 1]);
    const opt = new optim.Adam([p]);
    const before = memory().tensors;
    opt.step();
    expect(memory().tensors).toBe(before + 2);
    opt.disposeState();
    expect(memory().tensors).toBe(before);
  });
});
