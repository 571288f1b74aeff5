// nn.init: in-place initialisers with PyTorch's fan computations and random streams (torch/nn/init.py).
// Each writes the tensor directly (no autograd, as under torch.no_grad) and returns it. Random fills go through the
// PyTorch-identical generator, so that the same seed gives the same values; `generator` selects another Generator.
// Arguments follow PyTorch's positional order; a trailing options object may name any of them
// (`kaimingUniform_(w, Math.sqrt(5))` or `kaimingUniform_(w, { a: Math.sqrt(5), generator })`).
import { noGrad } from '../autograd/grad-mode';
import { mapElementsInPlace, writeIdentity } from '../backend/nn-init';
import { fillRandom } from '../backend/random-fill';
import { normal_ as normalInPlace, uniform_ as uniformInPlace } from '../creation/random-inplace';
import { ShapeError } from '../errors';
import { defaultGenerator, type Generator } from '../random';
import type { Tensor } from '../tensor';
import { namedArgs } from './functional/args';
import { erf, erfinv } from './special-math';
import { fillInPlace, writeContiguous } from './tensor-writes';

export type FanMode = 'fan_in' | 'fan_out' | 'fanIn' | 'fanOut';

export interface GeneratorOption {
  generator?: Generator;
}

/** PyTorch's names ('leaky_relu', 'fan_in') from either spelling ('leakyRelu', 'fanIn'). */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const LINEAR_GAIN = new Set(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid']);

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: string, param: number | null = null): number {
  const name = snakeCase(nonlinearity);
  if (LINEAR_GAIN.has(name)) return 1;
  if (name === 'tanh') return 5.0 / 3;
  if (name === 'relu') return Math.sqrt(2.0);
  if (name === 'leaky_relu') {
    if (param !== null && (typeof param !== 'number' || Number.isNaN(param))) throw new RangeError(`negative_slope ${String(param)} not a valid number`);
    const slope = param ?? 0.01;
    // Python's slope**2 is the correctly rounded square, as slope * slope is.
    return Math.sqrt(2.0 / (1 + slope * slope));
  }
  if (name === 'selu') return 3.0 / 4;
  throw new RangeError(`Unsupported nonlinearity ${nonlinearity}`);
}

/** [fanIn, fanOut]: size(1) and size(0) times the receptive field (the product of dims 2..). */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  if (tensor.ndim < 2) throw new ShapeError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  let receptiveField = 1;
  for (let d = 2; d < tensor.ndim; d++) receptiveField *= tensor.shape[d];
  return [tensor.shape[1] * receptiveField, tensor.shape[0] * receptiveField];
}

function correctFan(tensor: Tensor, mode: string): number {
  const m = snakeCase(mode).toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out') throw new RangeError(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return m === 'fan_in' ? fanIn : fanOut;
}

/** torch.nn.init draws through Tensor.uniform_ / normal_ under no_grad (memory order for strided tensors, as PyTorch). */
function randomFill(tensor: Tensor, kind: 'uniform' | 'normal', a: number, b: number, generator: Generator | undefined): Tensor {
  return noGrad(() => (kind === 'uniform' ? uniformInPlace : normalInPlace)(tensor, a, b, { generator }));
}

type Opt<T> = T & GeneratorOption;

/** Fills with U(a, b). */
export function uniform_(tensor: Tensor, ...args: [a?: number, b?: number, options?: GeneratorOption] | [options: Opt<{ a?: number; b?: number }>]): Tensor {
  const o = namedArgs('uniform_', ['a', 'b', 'generator'], args);
  return randomFill(tensor, 'uniform', (o.a as number) ?? 0, (o.b as number) ?? 1, o.generator as Generator | undefined);
}

/** Fills with N(mean, std^2). */
export function normal_(tensor: Tensor, ...args: [mean?: number, std?: number, options?: GeneratorOption] | [options: Opt<{ mean?: number; std?: number }>]): Tensor {
  const o = namedArgs('normal_', ['mean', 'std', 'generator'], args);
  return randomFill(tensor, 'normal', (o.mean as number) ?? 0, (o.std as number) ?? 1, o.generator as Generator | undefined);
}

/**
 * Fills with N(mean, std^2) truncated to [a, b], by PyTorch's inverse-CDF method: u ~ U(2*cdf(a') - 1, 2*cdf(b') - 1),
 * x = erfinv(u) * std * sqrt(2) + mean, clamped to [a, b], each step rounded to the tensor's precision.
 */
export function truncNormal_(
  tensor: Tensor,
  ...args: [mean?: number, std?: number, a?: number, b?: number, options?: GeneratorOption] | [options: Opt<{ mean?: number; std?: number; a?: number; b?: number }>]
): Tensor {
  const o = namedArgs('trunc_normal_', ['mean', 'std', 'a', 'b', 'generator'], args);
  const mean = (o.mean as number) ?? 0;
  const std = (o.std as number) ?? 1;
  const a = (o.a as number) ?? -2;
  const b = (o.b as number) ?? 2;
  const normCdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
  const l = normCdf((a - mean) / std);
  const u = normCdf((b - mean) / std);
  const generator = (o.generator as Generator | undefined) ?? defaultGenerator;
  writeContiguous(tensor, (target) => {
    fillRandom(target, 'uniform', 2 * l - 1, 2 * u - 1, generator);
    const round = target.dtype === 'float32' ? Math.fround : (x: number) => x;
    const scale = round(std * Math.SQRT2);
    const shift = round(mean);
    const lo = round(a);
    const hi = round(b);
    mapElementsInPlace(target, (v) => Math.min(Math.max(round(round(round(erfinv(v)) * scale) + shift), lo), hi));
  });
  return tensor;
}

/** Fills with val. */
export function constant_(tensor: Tensor, val: number): Tensor {
  fillInPlace(tensor, val);
  return tensor;
}

export function zeros_(tensor: Tensor): Tensor {
  return constant_(tensor, 0);
}

export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}

/** The identity matrix in a 2-D tensor (ones on the main diagonal of a possibly rectangular matrix). */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.ndim !== 2) throw new ShapeError('Only tensors with 2 dimensions are supported');
  writeContiguous(tensor, writeIdentity);
  return tensor;
}

type KaimingArgs =
  | [a?: number, mode?: FanMode, nonlinearity?: string, options?: GeneratorOption]
  | [options: Opt<{ a?: number; mode?: FanMode; nonlinearity?: string }>];

function kaimingStd(fn: string, tensor: Tensor, args: readonly unknown[]): { std: number; generator?: Generator } | null {
  const o = namedArgs(fn, ['a', 'mode', 'nonlinearity', 'generator'], args);
  if (tensor.shape.includes(0)) return null; // PyTorch warns "Initializing zero-element tensors is a no-op"
  const fan = correctFan(tensor, (o.mode as string) ?? 'fan_in');
  const gain = calculateGain((o.nonlinearity as string) ?? 'leaky_relu', (o.a as number) ?? 0);
  return { std: gain / Math.sqrt(fan), generator: o.generator as Generator | undefined };
}

/** He uniform: U(-bound, bound), bound = sqrt(3) * gain / sqrt(fan). Linear and Conv2d use a = sqrt(5). */
export function kaimingUniform_(tensor: Tensor, ...args: KaimingArgs): Tensor {
  const k = kaimingStd('kaiming_uniform_', tensor, args);
  if (k === null) return tensor;
  const bound = Math.sqrt(3.0) * k.std;
  return randomFill(tensor, 'uniform', -bound, bound, k.generator);
}

/** He normal: N(0, std^2), std = gain / sqrt(fan). */
export function kaimingNormal_(tensor: Tensor, ...args: KaimingArgs): Tensor {
  const k = kaimingStd('kaiming_normal_', tensor, args);
  if (k === null) return tensor;
  return randomFill(tensor, 'normal', 0, k.std, k.generator);
}

type XavierArgs = [gain?: number, options?: GeneratorOption] | [options: Opt<{ gain?: number }>];

function xavierStd(fn: string, tensor: Tensor, args: readonly unknown[]): { std: number; generator?: Generator } {
  const o = namedArgs(fn, ['gain', 'generator'], args);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return { std: ((o.gain as number) ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut)), generator: o.generator as Generator | undefined };
}

/** Glorot uniform: U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut)) (computed as sqrt(3) * std, as PyTorch). */
export function xavierUniform_(tensor: Tensor, ...args: XavierArgs): Tensor {
  const x = xavierStd('xavier_uniform_', tensor, args);
  const a = Math.sqrt(3.0) * x.std;
  return randomFill(tensor, 'uniform', -a, a, x.generator);
}

/** Glorot normal: N(0, std^2), std = gain * sqrt(2 / (fanIn + fanOut)). */
export function xavierNormal_(tensor: Tensor, ...args: XavierArgs): Tensor {
  const x = xavierStd('xavier_normal_', tensor, args);
  return randomFill(tensor, 'normal', 0, x.std, x.generator);
}
