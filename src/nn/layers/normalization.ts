// nn.LayerNorm (torch/nn/modules/normalization.py).
import { checkOptionKeys } from '../../options';
import type { Tensor } from '../../tensor';
import { layerNorm } from '../functional';
import { ones_, zeros_ } from '../init';
import { Module } from '../module';
import type { Parameter } from '../parameter';
import { pyBool, pyFloat, pyIntTuple } from '../repr';
import { emptyParameter, layerDType, type FactoryOptions } from './common';

export interface LayerNormOptions extends FactoryOptions {
  eps?: number;
  /** Learn a per-element scale (and shift, unless bias is false); default true. */
  elementwiseAffine?: boolean;
  bias?: boolean;
}

/** Normalises over the trailing dims given by normalizedShape; weight starts at ones and bias at zeros. */
export class LayerNorm extends Module {
  static readonly moduleName = 'LayerNorm';
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    checkOptionKeys('LayerNorm', options, ['eps', 'elementwiseAffine', 'bias', 'dtype']);
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : Array.from(normalizedShape);
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const dtype = layerDType('LayerNorm', options.dtype);
    this.weight = this.elementwiseAffine ? emptyParameter(this.normalizedShape, dtype) : null;
    this.bias = this.elementwiseAffine && (options.bias ?? true) ? emptyParameter(this.normalizedShape, dtype) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.weight !== null) ones_(this.weight);
    if (this.bias !== null) zeros_(this.bias);
  }

  override forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${pyIntTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}
