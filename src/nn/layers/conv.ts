// nn.Conv2d (torch/nn/modules/conv.py).
import { NotSupportedError } from '../../errors';
import type { Tensor } from '../../tensor';
import { conv2d } from '../functional';
import { expandInts, namedArgs, type IntOrPair, type PositionalOrOptions } from '../functional/args';
import { Module } from '../module';
import type { Parameter } from '../parameter';
import { pyIntTuple } from '../repr';
import { emptyParameter, layerDType, resetWeightAndBias, type FactoryOptions } from './common';

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export interface Conv2dOptions extends FactoryOptions {
  stride?: IntOrPair;
  padding?: IntOrPair | 'valid' | 'same';
  dilation?: IntOrPair;
  groups?: number;
  bias?: boolean;
  paddingMode?: PaddingMode;
}

type Conv2dArgs = PositionalOrOptions<
  [stride: IntOrPair, padding: IntOrPair | 'valid' | 'same', dilation: IntOrPair, groups: number, bias: boolean, paddingMode: PaddingMode],
  Conv2dOptions
>;

/**
 * 2-D convolution over [N, C, H, W] inputs with weight [outChannels, inChannels / groups, kh, kw]. Initialised as
 * PyTorch does (kaiming_uniform with a = sqrt(5), then the bias from U(-1/sqrt(fanIn), 1/sqrt(fanIn)) where
 * fanIn = inChannels / groups * kh * kw), so that the same seed gives the same weights.
 */
export class Conv2d extends Module {
  static readonly moduleName = 'Conv2d';
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'valid' | 'same';
  readonly dilation: [number, number];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inChannels: number, outChannels: number, kernelSize: IntOrPair, ...args: Conv2dArgs) {
    super();
    const a = namedArgs('Conv2d', ['stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode', 'dtype'], args);
    const dtype = layerDType('Conv2d', a.dtype as Conv2dOptions['dtype']);
    const groups = (a.groups ?? 1) as number;
    if (!Number.isInteger(groups) || groups <= 0) throw new RangeError('groups must be a positive integer');
    if (inChannels % groups !== 0) throw new RangeError('in_channels must be divisible by groups');
    if (outChannels % groups !== 0) throw new RangeError('out_channels must be divisible by groups');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = expandInts('Conv2d', 'kernel_size', kernelSize, 2) as [number, number];
    this.stride = expandInts('Conv2d', 'stride', (a.stride ?? 1) as IntOrPair, 2) as [number, number];
    const padding = (a.padding ?? 0) as IntOrPair | string;
    if (typeof padding === 'string') {
      if (padding !== 'valid' && padding !== 'same') throw new RangeError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
      if (padding === 'same' && this.stride.some((s) => s !== 1)) throw new RangeError("padding='same' is not supported for strided convolutions");
      this.padding = padding;
    } else {
      this.padding = expandInts('Conv2d', 'padding', padding, 2) as [number, number];
    }
    this.dilation = expandInts('Conv2d', 'dilation', (a.dilation ?? 1) as IntOrPair, 2) as [number, number];
    this.groups = groups;
    const mode = (a.paddingMode ?? 'zeros') as string;
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(mode)) {
      throw new RangeError(`padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${mode}'`);
    }
    if (mode !== 'zeros') throw new NotSupportedError(`Conv2d: padding_mode='${mode}' is not supported (only 'zeros')`);
    this.paddingMode = mode;
    this.weight = emptyParameter([outChannels, inChannels / groups, ...this.kernelSize], dtype);
    this.bias = (a.bias ?? true) ? emptyParameter([outChannels], dtype) : null;
    this.resetParameters();
  }

  /** PyTorch's _ConvNd.reset_parameters. */
  resetParameters(): void {
    resetWeightAndBias(this.weight, this.bias, 'keep');
  }

  override forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups);
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyIntTuple(this.kernelSize)}, stride=${pyIntTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyIntTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyIntTuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    return s;
  }
}
