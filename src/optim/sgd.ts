// optim.SGD: stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay
// (torch/optim/sgd.py). The update of each parameter is one fused kernel call (assembly/optim.ts sgdStep).
import { checkOptionKeys } from '../options';
import { SGD_INIT_BUFFER as INIT_BUFFER, SGD_MAXIMIZE as MAXIMIZE, SGD_NESTEROV as NESTEROV } from '../../abi/optim-flags';
import { sgdStep } from '../backend/optim';
import type { Tensor } from '../tensor';
import { checkBoolean, checkNumber, formatNumber, Optimizer, type ParamGroup, type ParamsInput, type UpdateTarget } from './optimizer';

export interface SGDOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  /** Maximise the objective instead of minimising it. */
  maximize: boolean;
}

const SGD_DEFAULTS: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super(params, { ...SGD_DEFAULTS, ...checkOptionKeys('SGD', options, Object.keys(SGD_DEFAULTS)) });
  }

  protected validateGroup(group: SGDOptions): void {
    const lr = checkNumber('lr', group.lr);
    const momentum = checkNumber('momentum', group.momentum);
    const dampening = checkNumber('dampening', group.dampening);
    const weightDecay = checkNumber('weightDecay', group.weightDecay);
    const nesterov = checkBoolean('nesterov', group.nesterov);
    checkBoolean('maximize', group.maximize);
    if (!(lr >= 0)) throw new RangeError(`Invalid learning rate: ${formatNumber(lr)}`);
    if (!(momentum >= 0)) throw new RangeError(`Invalid momentum value: ${formatNumber(momentum)}`);
    if (!(weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${formatNumber(weightDecay)}`);
    if (Number.isNaN(dampening)) throw new RangeError(`Invalid dampening value: ${formatNumber(dampening)}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
  }

  protected stateTensorNames(): readonly string[] {
    return ['momentumBuffer'];
  }

  protected update(): void {
    for (const group of this.paramGroups) this.validateGroup(group);
    const scratch: Tensor[] = [];
    const fresh: Tensor[] = [];
    const plan: { group: ParamGroup<SGDOptions>; target: UpdateTarget; buffer: Tensor | null; init: boolean }[] = [];
    try {
      for (const group of this.paramGroups) {
        for (const target of this.targets(group, scratch)) {
          let buffer: Tensor | null = null;
          let init = false;
          if (group.momentum !== 0) {
            const existing = this.state.get(target.param)?.momentumBuffer;
            if (existing === undefined) {
              // First step: the kernel writes the buffer as a copy of the gradient (torch.clone(grad)).
              buffer = this.zerosLike(target.param);
              fresh.push(buffer);
              init = true;
            } else buffer = existing as Tensor;
          }
          plan.push({ group, target, buffer, init });
        }
      }
    } catch (error) {
      for (const t of [...scratch, ...fresh]) t.dispose();
      throw error;
    }
    for (const { group, target, buffer, init } of plan) {
      if (init) this.state.set(target.param, { ...this.state.get(target.param), momentumBuffer: buffer! });
      const flags = (group.maximize ? MAXIMIZE : 0) | (group.nesterov ? NESTEROV : 0) | (init ? INIT_BUFFER : 0);
      sgdStep(target.paramData, target.gradData, buffer, {
        lr: group.lr, momentum: group.momentum, dampening: group.dampening, weightDecay: group.weightDecay, flags,
      });
      buffer?._bumpVersion();
    }
    this.finish(plan.map((p) => p.target), scratch);
  }
}
