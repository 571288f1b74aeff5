// nn.MaxPool2d and nn.AvgPool2d (torch/nn/modules/pooling.py).
import type { Tensor } from '../../tensor';
import { avgPool2d, maxPool2d } from '../functional';
import { namedArgs, type IntOrPair, type PositionalOrOptions } from '../functional/args';
import { Module } from '../module';
import { pyBool, pyIntOrTuple } from '../repr';

export interface MaxPool2dOptions {
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  dilation?: IntOrPair;
  returnIndices?: boolean;
  ceilMode?: boolean;
}

/** Window maxima; stride defaults to the kernel size. With returnIndices, forward returns [values, indices]. */
export class MaxPool2d extends Module {
  static readonly moduleName = 'MaxPool2d';
  readonly kernelSize: IntOrPair;
  readonly stride: IntOrPair;
  readonly padding: IntOrPair;
  readonly dilation: IntOrPair;
  readonly returnIndices: boolean;
  readonly ceilMode: boolean;

  constructor(
    kernelSize: IntOrPair,
    ...args: PositionalOrOptions<[stride: IntOrPair | null, padding: IntOrPair, dilation: IntOrPair, returnIndices: boolean, ceilMode: boolean], MaxPool2dOptions>
  ) {
    super();
    const a = namedArgs('MaxPool2d', ['stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'], args);
    this.kernelSize = kernelSize;
    this.stride = (a.stride ?? kernelSize) as IntOrPair;
    this.padding = (a.padding ?? 0) as IntOrPair;
    this.dilation = (a.dilation ?? 1) as IntOrPair;
    this.returnIndices = (a.returnIndices ?? false) as boolean;
    this.ceilMode = (a.ceilMode ?? false) as boolean;
  }

  override forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const options = { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode };
    if (this.returnIndices) return maxPool2d(input, this.kernelSize, { ...options, returnIndices: true });
    return maxPool2d(input, this.kernelSize, options);
  }

  override extraRepr(): string {
    return (
      `kernel_size=${pyIntOrTuple(this.kernelSize)}, stride=${pyIntOrTuple(this.stride)}, padding=${pyIntOrTuple(this.padding)}, ` +
      `dilation=${pyIntOrTuple(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`
    );
  }
}

export interface AvgPool2dOptions {
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/** Window means; stride defaults to the kernel size. */
export class AvgPool2d extends Module {
  static readonly moduleName = 'AvgPool2d';
  readonly kernelSize: IntOrPair;
  readonly stride: IntOrPair;
  readonly padding: IntOrPair;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;

  constructor(
    kernelSize: IntOrPair,
    ...args: PositionalOrOptions<[stride: IntOrPair | null, padding: IntOrPair, ceilMode: boolean, countIncludePad: boolean, divisorOverride: number | null], AvgPool2dOptions>
  ) {
    super();
    const a = namedArgs('AvgPool2d', ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'], args);
    this.kernelSize = kernelSize;
    this.stride = (a.stride ?? kernelSize) as IntOrPair;
    this.padding = (a.padding ?? 0) as IntOrPair;
    this.ceilMode = (a.ceilMode ?? false) as boolean;
    this.countIncludePad = (a.countIncludePad ?? true) as boolean;
    this.divisorOverride = (a.divisorOverride ?? null) as number | null;
  }

  override forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }

  override extraRepr(): string {
    return `kernel_size=${pyIntOrTuple(this.kernelSize)}, stride=${pyIntOrTuple(this.stride)}, padding=${pyIntOrTuple(this.padding)}`;
  }
}
