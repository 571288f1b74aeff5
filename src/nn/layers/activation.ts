// Activation modules (torch/nn/modules/activation.py): thin wrappers over nn.functional.
import { checkOptionKeys } from '../../options';
import type { GeluApproximate } from '../../ops/elementwise/activations';
import { inplaceFlag, type InplaceOptions } from '../../ops/elementwise/operands';
import type { Tensor } from '../../tensor';
import { gelu, leakyRelu, relu, sigmoid, silu, softmax, tanh } from '../functional';
import { Module } from '../module';
import { pyFloat, pyStr } from '../repr';

export type { GeluApproximate, InplaceOptions };

/** An activation whose only option is `inplace` (given as a boolean or in options), printed as PyTorch prints it. */
abstract class InplaceActivation extends Module {
  readonly inplace: boolean;

  constructor(options: InplaceOptions | boolean = {}) {
    super();
    this.inplace = inplaceFlag(this._getName(), options);
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** max(0, x). */
export class ReLU extends InplaceActivation {
  static readonly moduleName = 'ReLU';

  override forward(input: Tensor): Tensor {
    return relu(input, this.inplace);
  }
}

/** 1 / (1 + exp(-x)). */
export class Sigmoid extends Module {
  static readonly moduleName = 'Sigmoid';

  override forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}

export class Tanh extends Module {
  static readonly moduleName = 'Tanh';

  override forward(input: Tensor): Tensor {
    return tanh(input);
  }
}

/** x * Phi(x), exactly ('none') or with the tanh approximation. */
export class GELU extends Module {
  static readonly moduleName = 'GELU';
  readonly approximate: GeluApproximate;

  constructor(options: { approximate?: GeluApproximate } | GeluApproximate = {}) {
    super();
    const approximate = typeof options === 'string' ? options : (checkOptionKeys('GELU', options, ['approximate']).approximate ?? 'none');
    if (approximate !== 'none' && approximate !== 'tanh') throw new RangeError(`approximate argument must be either none or tanh.`);
    this.approximate = approximate;
  }

  override forward(input: Tensor): Tensor {
    return gelu(input, this.approximate);
  }

  override extraRepr(): string {
    return `approximate=${pyStr(this.approximate)}`;
  }
}

/** x * sigmoid(x). */
export class SiLU extends InplaceActivation {
  static readonly moduleName = 'SiLU';

  override forward(input: Tensor): Tensor {
    if (!this.inplace) return silu(input);
    // In place: the result is written back into the input (Tensor.copy_ records the autograd node).
    const result = silu(input);
    input.copy_(result);
    result.dispose();
    return input;
  }
}

/** x for x >= 0, negativeSlope * x otherwise. */
export class LeakyReLU extends Module {
  static readonly moduleName = 'LeakyReLU';
  readonly negativeSlope: number;
  readonly inplace: boolean;

  constructor(negativeSlope: number | { negativeSlope?: number; inplace?: boolean } = 0.01, inplace = false) {
    super();
    const o = typeof negativeSlope === 'object' ? checkOptionKeys('LeakyReLU', negativeSlope, ['negativeSlope', 'inplace']) : { negativeSlope, inplace };
    this.negativeSlope = o.negativeSlope ?? 0.01;
    this.inplace = o.inplace ?? false;
  }

  override forward(input: Tensor): Tensor {
    return leakyRelu(input, this.negativeSlope, this.inplace);
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/**
 * softmax along dim. Without a dim, PyTorch's legacy choice applies (and PyTorch warns): dim 0 for 0-, 1- and 3-D
 * inputs, else dim 1.
 */
export class Softmax extends Module {
  static readonly moduleName = 'Softmax';
  readonly dim: number | null;

  constructor(dim: number | null | { dim?: number | null } = null) {
    super();
    this.dim = typeof dim === 'object' && dim !== null ? (checkOptionKeys('Softmax', dim, ['dim']).dim ?? null) : dim;
  }

  override forward(input: Tensor): Tensor {
    const dim = this.dim ?? (input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1);
    return softmax(input, dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim === null ? 'None' : this.dim}`;
  }
}
