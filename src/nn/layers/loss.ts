// Loss modules (torch/nn/modules/loss.py): nn.functional losses with their options stored on the module.
// Options are named ({ reduction: 'sum' }); PyTorch's deprecated size_average/reduce arguments do not exist here.
import { checkOptionKeys } from '../../options';
import type { Tensor } from '../../tensor';
import { binaryCrossEntropyWithLogits, crossEntropy, l1Loss, mseLoss } from '../functional';
import { checkReduction, type Reduction } from '../functional/args';
import { Module } from '../module';

export interface ReductionOptions {
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

/** Base of the losses: holds the reduction. */
abstract class Loss extends Module {
  readonly reduction: Reduction;

  /** @param keys the option keys the loss takes besides reduction. */
  constructor(options: ReductionOptions = {}, keys: readonly string[] = []) {
    super();
    checkOptionKeys(this._getName(), options, ['reduction', ...keys]);
    this.reduction = checkReduction(options.reduction ?? 'mean');
  }

  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** Mean squared error. */
export class MSELoss extends Loss {
  static readonly moduleName = 'MSELoss';

  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.reduction);
  }
}

/** Mean absolute error. */
export class L1Loss extends Loss {
  static readonly moduleName = 'L1Loss';

  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.reduction);
  }
}

export interface CrossEntropyLossOptions extends ReductionOptions {
  /** Per-class weights [C] (a buffer of the module). */
  weight?: Tensor | null;
  ignoreIndex?: number;
  labelSmoothing?: number;
}

/** log_softmax + negative log likelihood over class logits [N, C, *] and int32 targets (or class probabilities). */
export class CrossEntropyLoss extends Loss {
  static readonly moduleName = 'CrossEntropyLoss';
  declare weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(options: CrossEntropyLossOptions = {}) {
    super(options, ['weight', 'ignoreIndex', 'labelSmoothing']);
    this.registerBuffer('weight', options.weight ?? null);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction, labelSmoothing: this.labelSmoothing });
  }
}

export interface BCEWithLogitsLossOptions extends ReductionOptions {
  /** Per-element rescaling weight, broadcast to the input (a buffer of the module). */
  weight?: Tensor | null;
  /** Weight of the positive examples, per class (a buffer of the module). */
  posWeight?: Tensor | null;
}

/** Sigmoid + binary cross entropy, computed stably from logits. */
export class BCEWithLogitsLoss extends Loss {
  static readonly moduleName = 'BCEWithLogitsLoss';
  declare weight: Tensor | null;
  declare posWeight: Tensor | null;

  constructor(options: BCEWithLogitsLossOptions = {}) {
    super(options, ['weight', 'posWeight']);
    this.registerBuffer('weight', options.weight ?? null);
    this.registerBuffer('posWeight', options.posWeight ?? null);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, { weight: this.weight, reduction: this.reduction, posWeight: this.posWeight });
  }
}
