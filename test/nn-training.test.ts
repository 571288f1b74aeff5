// End-to-end training against PyTorch: the five optimiser runs of nn.json (a Linear-Tanh-Linear MLP trained for
// five steps with cross entropy), and a long training loop whose memory must stay flat.
import { describe, expect, it } from 'vitest';
import { backward, manualSeed, memory, tidy, type Tensor } from '../src/index';
import * as nn from '../src/nn';
import * as optim from '../src/optim';
import { compareTensor, fromFixture, loadFixture, type FixtureTensor } from './support/fixtures';

interface OptimizerRun {
  optimizer: string;
  X: FixtureTensor;
  Y: FixtureTensor;
  init_state: Record<string, FixtureTensor>;
  losses: number[];
  final_state: Record<string, FixtureTensor>;
}
const runs = loadFixture<{ optimizers: OptimizerRun[] }>('nn.json').optimizers;

const OPTIMIZERS: Record<string, (params: nn.Parameter[]) => optim.Optimizer<object>> = {
  sgd: (p) => new optim.SGD(p, { lr: 0.1 }),
  sgd_momentum_nesterov_wd: (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-2 }),
  adam: (p) => new optim.Adam(p, { lr: 1e-2 }),
  adamw: (p) => new optim.AdamW(p, { lr: 1e-2, weightDecay: 0.1 }),
  adam_amsgrad: (p) => new optim.Adam(p, { lr: 1e-2, amsgrad: true }),
};

/** float32 tolerance scaled by magnitude. */
const TOLERANCE = { rtol: 1e-4, atol: 1e-5 };

const mlp = () => new nn.Sequential(new nn.Linear(4, 8), new nn.Tanh(), new nn.Linear(8, 3));

describe('optimiser runs reproduce PyTorch (nn.json)', () => {
  it('has the five runs', () => {
    expect(runs.map((r) => r.optimizer)).toEqual(Object.keys(OPTIMIZERS));
  });

  it('the MLP built after manualSeed(0) has exactly the initial state PyTorch recorded', () => {
    manualSeed(0);
    const model = mlp();
    const state = model.stateDict();
    expect(Object.keys(state)).toEqual(Object.keys(runs[0].init_state));
    for (const [name, expected] of Object.entries(runs[0].init_state)) {
      expect(compareTensor(state[name], expected, { rtol: 0, atol: 0 })).toEqual({ ok: true, detail: '' });
    }
  });

  for (const run of runs) {
    it(`${run.optimizer}: losses and final parameters`, () => {
      const model = mlp();
      const initial: Record<string, Tensor> = {};
      for (const [name, t] of Object.entries(run.init_state)) initial[name] = fromFixture(t);
      model.loadStateDict(initial);
      const X = fromFixture(run.X);
      const Y = fromFixture(run.Y);
      const criterion = new nn.CrossEntropyLoss();
      const opt = OPTIMIZERS[run.optimizer](model.parameters());
      const losses: number[] = [];
      for (let step = 0; step < 5; step++) {
        opt.zeroGrad();
        const loss = criterion.forward(model.forward(X), Y);
        backward(loss);
        opt.step();
        losses.push(loss.item() as number);
      }
      losses.forEach((loss, i) => expect(Math.abs(loss - run.losses[i])).toBeLessThanOrEqual(TOLERANCE.atol + TOLERANCE.rtol * Math.abs(run.losses[i])));
      const final = model.stateDict();
      for (const [name, expected] of Object.entries(run.final_state)) {
        const result = compareTensor(final[name], expected, TOLERANCE);
        expect(result.detail, `${run.optimizer} ${name}`).toBe('');
      }
    });
  }
});

describe('memory', () => {
  it('a training loop of 100 steps inside tidy keeps the live tensor count flat', () => {
    const run = runs[2];
    manualSeed(0);
    const model = mlp();
    const X = fromFixture(run.X);
    const Y = fromFixture(run.Y);
    const criterion = new nn.CrossEntropyLoss();
    const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });
    const trainStep = () =>
      tidy(() => {
        opt.zeroGrad();
        const loss = criterion.forward(model.forward(X), Y);
        backward(loss);
        opt.step();
        return loss.item() as number;
      });
    const first = trainStep(); // creates the optimiser state
    const before = memory();
    let last = first;
    for (let step = 0; step < 100; step++) last = trainStep();
    const after = memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytes).toBe(before.bytes);
    expect(last).toBeLessThan(first);
  });
});
