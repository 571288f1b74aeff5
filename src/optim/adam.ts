// optim.Adam and optim.AdamW (torch/optim/adam.py, torch/optim/adamw.py): bias corrections computed in double on
// the host, then one fused kernel call per parameter (assembly/optim.ts adamStep) with PyTorch's arithmetic order.
import { checkOptionKeys } from '../options';
import { ADAM_AMSGRAD as AMSGRAD, ADAM_DECOUPLED as DECOUPLED, ADAM_MAXIMIZE as MAXIMIZE } from '../../abi/optim-flags';
import { adamStep } from '../backend/optim';
import type { Tensor } from '../tensor';
import { checkBoolean, checkNumber, formatNumber, Optimizer, type ParamGroup, type ParamsInput, type ParamState, type UpdateTarget } from './optimizer';

export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad). */
  amsgrad: boolean;
  maximize: boolean;
  /** AdamW's decoupled weight decay: p *= 1 - lr * weightDecay instead of adding weightDecay * p to the gradient. */
  decoupledWeightDecay: boolean;
}

const ADAM_DEFAULTS: AdamOptions = {
  lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, decoupledWeightDecay: false,
};

interface AdamState extends ParamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
}

export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { ...ADAM_DEFAULTS, ...checkOptionKeys('Adam', options, Object.keys(ADAM_DEFAULTS)) });
  }

  protected validateGroup(group: AdamOptions): void {
    const lr = checkNumber('lr', group.lr);
    const eps = checkNumber('eps', group.eps);
    const betas = group.betas as unknown;
    if (!Array.isArray(betas) || betas.length !== 2) throw new TypeError(`betas must be a pair of numbers, got ${JSON.stringify(betas)}`);
    const [beta1, beta2] = [checkNumber('betas[0]', betas[0]), checkNumber('betas[1]', betas[1])];
    const weightDecay = checkNumber('weightDecay', group.weightDecay);
    checkBoolean('amsgrad', group.amsgrad);
    checkBoolean('maximize', group.maximize);
    checkBoolean('decoupledWeightDecay', group.decoupledWeightDecay);
    if (!(lr >= 0)) throw new RangeError(`Invalid learning rate: ${formatNumber(lr)}`);
    if (!(eps >= 0)) throw new RangeError(`Invalid epsilon value: ${formatNumber(eps)}`);
    if (!(beta1 >= 0 && beta1 < 1)) throw new RangeError(`Invalid beta parameter at index 0: ${formatNumber(beta1)}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new RangeError(`Invalid beta parameter at index 1: ${formatNumber(beta2)}`);
    if (!(weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${formatNumber(weightDecay)}`);
  }

  protected stateTensorNames(): readonly string[] {
    return ['expAvg', 'expAvgSq', 'maxExpAvgSq'];
  }

  protected update(): void {
    for (const group of this.paramGroups) this.validateGroup(group);
    const scratch: Tensor[] = [];
    const fresh: Tensor[] = [];
    const plan: { group: ParamGroup<AdamOptions>; target: UpdateTarget; state: AdamState; maxSq: Tensor | null }[] = [];
    try {
      for (const group of this.paramGroups) {
        for (const target of this.targets(group, scratch)) {
          const existing = this.state.get(target.param);
          const make = () => {
            const t = this.zerosLike(target.param);
            fresh.push(t);
            return t;
          };
          const state: AdamState = {
            ...existing,
            step: (existing?.step as number | undefined) ?? 0,
            expAvg: (existing?.expAvg as Tensor | undefined) ?? make(),
            expAvgSq: (existing?.expAvgSq as Tensor | undefined) ?? make(),
          };
          let maxSq: Tensor | null = null;
          if (group.amsgrad) {
            maxSq = (existing?.maxExpAvgSq as Tensor | undefined) ?? make();
            state.maxExpAvgSq = maxSq;
          }
          plan.push({ group, target, state, maxSq });
        }
      }
    } catch (error) {
      for (const t of [...scratch, ...fresh]) t.dispose();
      throw error;
    }
    for (const { group, target, state, maxSq } of plan) {
      state.step += 1;
      this.state.set(target.param, state);
      const [beta1, beta2] = group.betas;
      const biasCorrection1 = 1 - beta1 ** state.step;
      const biasCorrection2 = 1 - beta2 ** state.step;
      const stepSize = group.lr / biasCorrection1;
      const decoupled = group.decoupledWeightDecay && group.weightDecay !== 0;
      const flags = (group.maximize ? MAXIMIZE : 0) | (group.amsgrad ? AMSGRAD : 0) | (decoupled ? DECOUPLED : 0);
      adamStep(target.paramData, target.gradData, state.expAvg, state.expAvgSq, maxSq, {
        oneMinusBeta1: 1 - beta1, beta2, eps: group.eps, weightDecay: group.weightDecay, decayFactor: 1 - group.lr * group.weightDecay,
        negStepSize: -stepSize, bc2Sqrt: Math.sqrt(biasCorrection2), flags,
      });
      for (const written of [state.expAvg, state.expAvgSq, maxSq]) written?._bumpVersion();
    }
    this.finish(plan.map((p) => p.target), scratch);
  }
}

/** Adam with decoupled weight decay (default weightDecay 1e-2), as torch.optim.AdamW. */
export class AdamW extends Adam {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<Omit<AdamOptions, 'decoupledWeightDecay'>> = {}) {
    const keys = Object.keys(ADAM_DEFAULTS).filter((k) => k !== 'decoupledWeightDecay');
    super(params, { weightDecay: 1e-2, ...checkOptionKeys('AdamW', options, keys), decoupledWeightDecay: true });
  }
}
