// nn.Linear and nn.Identity (torch/nn/modules/linear.py).
import { checkOptionKeys } from '../../options';
import type { DType } from '../../dtype';
import type { Tensor } from '../../tensor';
import { linear } from '../functional';
import { Module } from '../module';
import type { Parameter } from '../parameter';
import { pyBool } from '../repr';
import { emptyParameter, layerDType, resetWeightAndBias, type FactoryOptions } from './common';

export interface LinearOptions extends FactoryOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
}

/**
 * y = x W^T + b, with W [outFeatures, inFeatures] and b [outFeatures]. Initialised as PyTorch does, so that the same
 * seed gives the same weights: W ~ kaiming_uniform(a = sqrt(5)), i.e. U(-1/sqrt(in), 1/sqrt(in)), then b from the
 * same range, drawn in that order from the default generator.
 */
export class Linear extends Module {
  static readonly moduleName = 'Linear';
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions | boolean = {}) {
    super();
    const o = typeof options === 'boolean' ? { bias: options } : checkOptionKeys('Linear', options, ['bias', 'dtype']);
    const dtype: DType = layerDType('Linear', o.dtype);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = emptyParameter([outFeatures, inFeatures], dtype);
    this.bias = (o.bias ?? true) ? emptyParameter([outFeatures], dtype) : null;
    this.resetParameters();
  }

  /** PyTorch's Linear.reset_parameters. */
  resetParameters(): void {
    resetWeightAndBias(this.weight, this.bias, 'zero');
  }

  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

/** Returns its input unchanged (constructor arguments are accepted and ignored, as in PyTorch). */
export class Identity extends Module {
  static readonly moduleName = 'Identity';

  constructor(..._args: unknown[]) {
    super();
  }

  override forward<T>(input: T): T {
    return input;
  }
}
