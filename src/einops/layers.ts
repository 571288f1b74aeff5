/**
 * einops' layers (einops.layers.torch) as wasmgrad modules: Rearrange, Reduce and EinMix.
 *
 * Like einops, the layers check their pattern when they are built (for every number of dimensions the
 * pattern can take, up to 7 axes matched by an ellipsis), so that a wrong pattern fails at model
 * construction rather than in the first forward pass; the recipes land in the shared recipe cache.
 */
import { Module } from '../nn/module';
import { uniform_ } from '../nn/init';
import { emptyParameter } from '../nn/layers/common';
import type { Parameter } from '../nn/parameter';
import { add } from '../ops/elementwise';
import { einsum as tensorEinsum } from '../ops/matmul';
import type { Tensor } from '../tensor';
import type { AxesLengths } from './api.js';
import { EinopsError } from './errors.js';
import { rearrange, reduce, type TensorReduction } from './index.js';
import { AnonymousAxis, ELLIPSIS, formatIdentifier, parseExpression } from './parse.js';
import type { AxisName, ParsedExpression } from './parse.js';
import { pyStr } from './python-repr.js';
import { describeOperation, prepareRecipe, type Operation } from './recipe.js';

/** How einops prints `name=length` arguments after the pattern. */
function formatAxesLengths(axesLengths: AxesLengths): string {
  return Object.entries(axesLengths)
    .map(([axis, length]) => `, ${axis}=${length}`)
    .join('');
}

/** Ellipsis dims a layer is prepared for (einops: `range(8)`). */
const MAX_ELLIPSIS_DIMS = 7;

/**
 * Prepares (and so validates) the recipes for every ndim the pattern accepts, as einops' layers do when they
 * are constructed; errors name the layer: ` Error while preparing Rearrange('...')`.
 */
function prepareLayerRecipes(pattern: string, operation: Operation, axesLengths: AxesLengths, describe: () => string): void {
  try {
    const arrow = pattern.indexOf('->');
    const left = parseExpression(arrow >= 0 ? pattern.slice(0, arrow) : pattern);
    const named = left.composition.length - (left.hasEllipsis ? 1 : 0);
    const names = Object.keys(axesLengths);
    const maxEllipsis = left.hasEllipsis ? MAX_ELLIPSIS_DIMS : 0;
    for (let extra = 0; extra <= maxEllipsis; extra++) prepareRecipe(pattern, operation, names, named + extra);
  } catch (error) {
    if (!(error instanceof EinopsError)) throw error;
    throw new EinopsError(` Error while preparing ${describe()}\n ${error.message}`);
  }
}

/** The layer form of rearrange: `new Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 })`. */
export class Rearrange extends Module {
  static readonly moduleName = 'Rearrange';
  readonly pattern: string;
  readonly axesLengths: AxesLengths;

  constructor(pattern: string, axesLengths: AxesLengths = {}) {
    super();
    this.pattern = pattern;
    this.axesLengths = { ...axesLengths };
    prepareLayerRecipes(pattern, 'rearrange', this.axesLengths, () => this.toString());
  }

  override forward(input: Tensor | readonly Tensor[]): Tensor {
    return rearrange(input, this.pattern, this.axesLengths);
  }

  /** einops' repr: `Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=8, p2=8)`. */
  override toString(): string {
    return `${this._getName()}(${pyStr(this.pattern)}${formatAxesLengths(this.axesLengths)})`;
  }
}

/** The layer form of reduce: `new Reduce('b c (h h2) (w w2) -> b c h w', 'max', { h2: 2, w2: 2 })`. */
export class Reduce extends Module {
  static readonly moduleName = 'Reduce';
  readonly pattern: string;
  readonly reduction: TensorReduction;
  readonly axesLengths: AxesLengths;

  constructor(pattern: string, reduction: TensorReduction, axesLengths: AxesLengths = {}) {
    super();
    this.pattern = pattern;
    this.reduction = reduction;
    this.axesLengths = { ...axesLengths };
    prepareLayerRecipes(pattern, reduction, this.axesLengths, () => this.toString());
  }

  override forward(input: Tensor | readonly Tensor[]): Tensor {
    return reduce(input, this.pattern, this.reduction, this.axesLengths);
  }

  /** einops' repr: `Reduce('b c h w -> b c', 'mean')`. */
  override toString(): string {
    const reduction = typeof this.reduction === 'string' ? pyStr(this.reduction) : describeOperation(this.reduction);
    return `${this._getName()}(${pyStr(this.pattern)}, ${reduction}${formatAxesLengths(this.axesLengths)})`;
  }
}

/** EinMix options: the weight's axes, optionally the bias' axes, and the length of every axis they name. */
export type EinMixOptions = { weightShape: string; biasShape?: string | null } & { [axis: string]: number | string | null | undefined };

/** Raises einops' message when the set of axes is not empty; `{}` in the message becomes the Python set. */
function reportAxes(axes: readonly AxisName[], message: string): void {
  if (axes.length > 0) throw new EinopsError(message.replace('{}', `{${axes.map(formatIdentifier).join(', ')}}`));
}

function without(axes: Iterable<AxisName>, ...exclude: Iterable<AxisName>[]): AxisName[] {
  const excluded = new Set<AxisName>(exclude.flatMap((set) => [...set]));
  return [...axes].filter((axis) => !excluded.has(axis));
}

/** The axis names of a side in order, groups flattened, `...` written as such (einops' flat composition). */
function flatNames(parsed: ParsedExpression): string[] {
  return parsed.composition.flatMap((group) => (group === ELLIPSIS ? ['...'] : group.map((axis) => (axis === ELLIPSIS ? '...' : String(axis)))));
}

/** Whether some entry of the side is not exactly one axis (a composition or a unit axis; `...` counts as one). */
function hasNonSingleGroups(parsed: ParsedExpression): boolean {
  return parsed.composition.some((group) => group !== ELLIPSIS && group.length !== 1);
}

/**
 * einsum with a weight (and a bias) that the layer owns: `new EinMix('t b cin -> t b cout', { weightShape: 'cin cout',
 * biasShape: 'cout', cin: 10, cout: 20 })`. Compositions on either side are handled by a Rearrange before and
 * after the einsum. Initialisation is einops': weight ~ U(-sqrt(3 / fanIn), sqrt(3 / fanIn)), bias ~
 * U(-sqrt(1 / fanIn), sqrt(1 / fanIn)), where fanIn is the product of the weight axes absent from the output
 * (the number of input elements each output element combines); drawn in that order from the default generator.
 */
export class EinMix extends Module {
  static readonly moduleName = 'EinMix';
  readonly pattern: string;
  readonly weightShape: string;
  readonly biasShape: string | null;
  readonly axesLengths: AxesLengths;
  /** The einsum the forward pass runs, in single letters, e.g. 'abc,cd->abd'. */
  readonly einsumPattern: string;
  preRearrange: Rearrange | null;
  postRearrange: Rearrange | null;
  weight: Parameter;
  bias: Parameter | null;

  constructor(pattern: string, options: EinMixOptions) {
    super();
    const { weightShape, biasShape = null, ...axes } = options;
    if (typeof weightShape !== 'string') throw new EinopsError(`EinMix needs weightShape, a string naming the weight's axes; got ${String(weightShape)}`);
    const axesLengths: Record<string, number> = {};
    for (const [axis, length] of Object.entries(axes)) {
      if (typeof length !== 'number') throw new EinopsError(`Length of axis ${axis} should be a number, got ${String(length)}`);
      axesLengths[axis] = length;
    }
    this.pattern = pattern;
    this.weightShape = weightShape;
    this.biasShape = biasShape;
    this.axesLengths = axesLengths;

    const sides = pattern.split('->');
    if (sides.length !== 2) throw new EinopsError(`EinMix pattern should contain exactly one '->', got "${pattern}"`);
    const [leftText, rightText] = sides as [string, string];
    const left = parseExpression(leftText);
    const right = parseExpression(rightText);
    const weight = parseExpression(weightShape);
    reportAxes(without(right.identifiers, left.identifiers, weight.identifiers), 'Unrecognized identifiers on the right side of EinMix {}');
    if (weight.hasEllipsis) throw new EinopsError('Ellipsis is not supported in weight, as its shape should be fully specified');
    if (left.hasEllipsis || right.hasEllipsis) {
      if (!(left.hasEllipsis && right.hasEllipsis)) throw new EinopsError(`Ellipsis in EinMix should be on both sides, ${pattern}`);
      if (left.hasEllipsisParenthesized) throw new EinopsError(`Ellipsis on left side can't be in parenthesis, got ${pattern}`);
    }
    if ([left, right, weight].some((side) => side.hasNonUnitaryAnonymousAxes)) {
      throw new EinopsError('Anonymous axes (numbers) are not allowed in EinMix');
    }
    if (weightShape.includes('(') || weightShape.includes(')')) {
      throw new EinopsError(`Parenthesis is not allowed in weight shape: ${weightShape}`);
    }

    // Compositions become separate rearrange steps around the einsum.
    this.preRearrange = null;
    if (hasNonSingleGroups(left)) {
      const names = flatNames(left);
      const lengths = Object.fromEntries(Object.entries(axesLengths).filter(([axis]) => names.includes(axis)));
      this.preRearrange = new Rearrange(`${leftText}-> ${names.join(' ')}`, lengths);
    }
    this.postRearrange = null;
    if (hasNonSingleGroups(right) || right.hasEllipsisParenthesized === true) {
      this.postRearrange = new Rearrange(`${flatNames(right).join(' ')} ->${rightText}`);
    }

    for (const axis of weight.identifiers) {
      if (!(String(axis) in axesLengths)) throw new EinopsError(`Dimension ${String(axis)} of weight should be specified`);
    }
    reportAxes(without(Object.keys(axesLengths), left.identifiers, weight.identifiers), 'Axes {} are not used in pattern');
    reportAxes(without(weight.identifiers, left.identifiers, right.identifiers), 'Weight axes {} are redundant');
    if (weight.identifiers.size === 0) console.warn('EinMix: weight has no dimensions (means multiplication by a number)');

    const weightAxes = weight.composition.map((group) => {
      if (group === ELLIPSIS || group.length !== 1) throw new EinopsError(`Unit axes are not allowed in weight shape: ${weightShape}`);
      return String(group[0]);
    });
    const weightDims = weightAxes.map((axis) => axesLengths[axis]!);
    // A single output element combines fanIn input elements.
    let fanIn = 1;
    for (const axis of weightAxes) if (!right.identifiers.has(axis)) fanIn *= axesLengths[axis]!;

    let biasDims: number[] | null = null;
    if (biasShape !== null) {
      if (typeof biasShape !== 'string') throw new EinopsError('bias shape should be string specifying which axes bias depends on');
      const bias = parseExpression(biasShape);
      reportAxes(without(bias.identifiers, right.identifiers), 'Bias axes {} not present in output');
      reportAxes(without(bias.identifiers, Object.keys(axesLengths)), 'Sizes not provided for bias axes {}');
      biasDims = [];
      let usedNonTrivialSize = false;
      for (const group of right.composition) {
        for (const axis of group === ELLIPSIS ? [ELLIPSIS] : group) {
          if (axis === ELLIPSIS) {
            if (usedNonTrivialSize) throw new EinopsError('all bias dimensions should go after ellipsis in the output');
          } else if (bias.identifiers.has(axis)) {
            biasDims.push(axesLengths[String(axis)]!);
            usedNonTrivialSize = true;
          } else {
            biasDims.push(1);
          }
        }
      }
    }

    this.weight = emptyParameter(weightDims, 'float32');
    uniform_(this.weight, -Math.sqrt(3 / fanIn), Math.sqrt(3 / fanIn));
    this.bias = null;
    if (biasDims !== null) {
      this.bias = emptyParameter(biasDims, 'float32');
      uniform_(this.bias, -Math.sqrt(1 / fanIn), Math.sqrt(1 / fanIn));
    }

    // The einsum in single letters: the axes of all three sides, sorted by name, become a, b, c ...
    const mapped = [...new Set([...left.identifiers, ...right.identifiers, ...weight.identifiers])]
      .filter((axis): axis is string => axis !== ELLIPSIS && !(axis instanceof AnonymousAxis))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
    if (mapped.length > LETTERS.length) throw new EinopsError(`EinMix supports at most ${LETTERS.length} distinct axes, got ${mapped.length}`);
    const letterOf = new Map(mapped.map((axis, index) => [axis, LETTERS[index]!]));
    const remap = (side: ParsedExpression) =>
      side.composition
        .flatMap((group) => (group === ELLIPSIS ? ['...'] : group.map((axis) => (axis === ELLIPSIS ? '...' : letterOf.get(String(axis))!))))
        .join('');
    this.einsumPattern = `${remap(left)},${remap(weight)}->${remap(right)}`;
  }

  override forward(input: Tensor): Tensor {
    const mixedInput = this.preRearrange !== null ? this.preRearrange.forward(input) : input;
    let result = tensorEinsum(this.einsumPattern, mixedInput, this.weight);
    if (mixedInput !== input) mixedInput.dispose();
    if (this.bias !== null) {
      const biased = add(result, this.bias);
      result.dispose();
      result = biased;
    }
    if (this.postRearrange !== null) {
      const rearranged = this.postRearrange.forward(result);
      if (rearranged !== result) result.dispose();
      result = rearranged;
    }
    return result;
  }

  /** einops' repr: `EinMix('t b cin -> t b cout', 'cin cout', 'cout', cin=10, cout=20)`. */
  override toString(): string {
    const bias = this.biasShape !== null ? `, '${this.biasShape}'` : '';
    return `${this._getName()}(${pyStr(this.pattern)}, '${this.weightShape}'${bias}${formatAxesLengths(this.axesLengths)})`;
  }
}
