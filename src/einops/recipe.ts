/**
 * From a pattern to a few tensor operations, in two steps (einops' own design):
 *
 * 1. `prepareRecipe(pattern, operation, axesNames, ndim)` parses and validates the pattern once and lays out
 *    the "elementary" axes: every axis named on the left (in order, `...` expanded to ndim-dependent axes),
 *    then the axes that only the right side has (repeat). The result is cached: a pattern used in a loop is
 *    parsed once.
 * 2. `planTransform(recipe, shape, axesLengths)` infers the length of every elementary axis from a concrete
 *    input shape and the lengths the user gave, and returns the plan the backend executes:
 *    reshape to elementary axes -> permute (kept axes in output order, reduced axes last) -> reduce the
 *    trailing axes -> insert new axes (repeat) -> reshape to the output groups. Steps that would do nothing
 *    are null or empty.
 */
import { EinopsError } from './errors.js';
import { LruCache } from './lru-cache.js';
import { AnonymousAxis, ELLIPSIS, formatIdentifier, isValidAxisName, parseExpression } from './parse.js';
import type { AxisName } from './parse.js';
import { pyNumber, pySet, pyStr } from './python-repr.js';

export const REDUCTIONS = ['min', 'max', 'sum', 'mean', 'prod', 'any', 'all'] as const;
export type ReductionName = (typeof REDUCTIONS)[number];

/**
 * 'rearrange', 'repeat', a reduction name, or a function doing the reduction itself. Typed loosely on
 * purpose: a value that is none of these is reported as an unknown reduction.
 */
export type Operation = string | ((...args: never[]) => unknown);

/** Marks an elementary axis whose length comes from the input shape or from the lengths the user gives. */
const LENGTH_NOT_FIXED = -1;

export interface TransformRecipe {
  /** 'rearrange', 'repeat', a reduction name, or 'custom' for a reduction function. */
  readonly operation: string;
  readonly ndim: number;
  /** Length of each elementary axis where the pattern fixes it (anonymous axes), else LENGTH_NOT_FIXED. */
  readonly elementaryAxesLengths: readonly number[];
  /** Elementary axis of each axis whose length the user passes. */
  readonly axisNameToElementaryAxis: ReadonlyMap<string, number>;
  /**
   * For each input dimension, the elementary axes composing it: those whose length is known before the
   * shape is seen, and at most one that the dimension's length determines.
   */
  readonly inputAxes: readonly { readonly known: readonly number[]; readonly unknown: readonly number[] }[];
  /** Permutation of the elementary input axes: kept axes in output order, then the reduced axes. */
  readonly axesPermutation: readonly number[];
  /** Index in axesPermutation of the first reduced axis (= its length when nothing is reduced). */
  readonly firstReducedAxis: number;
  /** Axes that only the output has (repeat): position in the flattened output -> elementary axis. */
  readonly addedAxes: ReadonlyMap<number, number>;
  /** For each output dimension, the elementary axes it is composed of (empty for a unit axis). */
  readonly outputAxes: readonly (readonly number[])[];
}

export interface TransformPlan {
  /** Reshape of the input into its elementary axes, or null when every input dimension is one axis. */
  readonly initShape: number[] | null;
  /** Axes permutation, or null when it is the identity. */
  readonly permutation: number[] | null;
  /** Axes to reduce after the permutation (always the trailing ones); empty when nothing is reduced. */
  readonly reducedAxes: number[];
  /** What reduces them: a reduction name or 'custom'; null when nothing is reduced. */
  readonly reduction: string | null;
  /** New axes to insert and broadcast (repeat): position in the result -> length. */
  readonly addedAxes: Map<number, number>;
  /** Number of dimensions once the new axes are inserted. */
  readonly nAxesAfterAdding: number;
  /** Reshape into the output groups, or null when every output dimension is one axis. */
  readonly finalShape: number[] | null;
}

/** How einops names the operation in messages: the string itself, or the function. */
export function describeOperation(operation: Operation): string {
  if (typeof operation === 'function') return `<function ${operation.name || '<lambda>'}>`;
  return String(operation);
}

function formatSet(axes: Iterable<AxisName>): string {
  return pySet([...axes].map(formatIdentifier));
}

function difference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  return [...a].filter((x) => !b.has(x));
}

function splitArrow(pattern: string): [string, string] {
  const sides = pattern.split('->');
  if (sides.length !== 2) {
    throw new EinopsError(`Pattern should contain exactly one '->', found ${sides.length - 1} in "${pattern}"`);
  }
  return [sides[0]!, sides[1]!];
}

/** Builds the recipe without the cache; see prepareRecipe. */
export function buildRecipe(pattern: string, operation: Operation, axesNames: readonly string[], ndim: number): TransformRecipe {
  const [leftText, rightText] = splitArrow(pattern);
  const left = parseExpression(leftText);
  const right = parseExpression(rightText);

  // New axes may appear only in repeat, and disappear only in a reduction.
  if (!left.hasEllipsis && right.hasEllipsis) {
    throw new EinopsError(`Ellipsis found in right side, but not left side of a pattern ${pattern}`);
  }
  if (left.hasEllipsis && left.hasEllipsisParenthesized) {
    throw new EinopsError(`Ellipsis inside parenthesis in the left side is not allowed: ${pattern}`);
  }
  let kind: string;
  if (operation === 'rearrange') {
    if (left.hasNonUnitaryAnonymousAxes || right.hasNonUnitaryAnonymousAxes) {
      throw new EinopsError('Non-unitary anonymous axes are not supported in rearrange (exception is length 1)');
    }
    const oneSided = [...difference(left.identifiers, right.identifiers), ...difference(right.identifiers, left.identifiers)];
    if (oneSided.length > 0) {
      throw new EinopsError(`Identifiers only on one side of expression (should be on both): ${formatSet(oneSided)}`);
    }
    kind = operation;
  } else if (operation === 'repeat') {
    const leftOnly = difference(left.identifiers, right.identifiers);
    if (leftOnly.length > 0) throw new EinopsError(`Unexpected identifiers on the left side of repeat: ${formatSet(leftOnly)}`);
    const given = new Set<AxisName>([...left.identifiers, ...axesNames]);
    const withoutSize = [...right.identifiers].filter((axis) => !(axis instanceof AnonymousAxis) && !given.has(axis));
    if (withoutSize.length > 0) throw new EinopsError(`Specify sizes for new axes in repeat: ${formatSet(withoutSize)}`);
    kind = operation;
  } else if (typeof operation === 'function' || (REDUCTIONS as readonly string[]).includes(operation)) {
    const rightOnly = difference(right.identifiers, left.identifiers);
    if (rightOnly.length > 0) {
      throw new EinopsError(
        `Unexpected identifiers on the right side of reduce ${describeOperation(operation)}: ${formatSet(rightOnly)}`,
      );
    }
    kind = typeof operation === 'function' ? 'custom' : operation;
  } else {
    throw new EinopsError(
      `Unknown reduction ${describeOperation(operation)}. Expect one of (${REDUCTIONS.map(pyStr).join(', ')}).`,
    );
  }

  // Expand `...` into as many axes as the input has dimensions left over.
  const leftIdentifiers = new Set(left.identifiers);
  const rightIdentifiers = new Set(right.identifiers);
  let leftComposition: AxisName[][];
  let rightComposition: AxisName[][];
  if (left.hasEllipsis) {
    const nOtherDims = left.composition.length - 1;
    if (ndim < nOtherDims) {
      throw new EinopsError(`Wrong shape: expected >=${nOtherDims} dims. Received ${ndim}-dim tensor.`);
    }
    const ellipsisAxes = Array.from({ length: ndim - nOtherDims }, (_, i) => `${ELLIPSIS}${i}`);
    leftComposition = left.composition.flatMap((group) => (group === ELLIPSIS ? ellipsisAxes.map((axis) => [axis]) : [group]));
    rightComposition = right.composition.flatMap((group) =>
      group === ELLIPSIS
        ? ellipsisAxes.map((axis) => [axis])
        : [group.flatMap((axis) => (axis === ELLIPSIS ? ellipsisAxes : [axis]))],
    );
    leftIdentifiers.delete(ELLIPSIS);
    for (const axis of ellipsisAxes) leftIdentifiers.add(axis);
    if (right.hasEllipsis) {
      rightIdentifiers.delete(ELLIPSIS);
      for (const axis of ellipsisAxes) rightIdentifiers.add(axis);
    }
  } else {
    if (ndim !== left.composition.length) {
      throw new EinopsError(`Wrong shape: expected ${left.composition.length} dims. Received ${ndim}-dim tensor.`);
    }
    // Without ellipsis on the left there is none on the right either (checked above).
    leftComposition = left.composition as AxisName[][];
    rightComposition = right.composition as AxisName[][];
  }

  // Elementary axes: the input's in order, then those only the output has. Value: fixed length or LENGTH_NOT_FIXED.
  const fixedLength = new Map<AxisName, number>();
  const lengthInPattern = (axis: AxisName): number => (axis instanceof AnonymousAxis ? axis.value : LENGTH_NOT_FIXED);
  for (const axis of leftComposition.flat()) fixedLength.set(axis, lengthInPattern(axis));
  for (const axis of rightComposition.flat()) if (!fixedLength.has(axis)) fixedLength.set(axis, lengthInPattern(axis));
  const positionOf = new Map<AxisName, number>();
  for (const axis of fixedLength.keys()) positionOf.set(axis, positionOf.size);

  // Axes whose length the user passes: known before the shape is seen.
  const givenByUser = new Set<string>();
  const axisNameToElementaryAxis = new Map<string, number>();
  for (const name of axesNames) {
    if (!isValidAxisName(name)) throw new EinopsError(`(${pyStr('Invalid name for an axis')}, ${pyStr(name)})`);
    const position = positionOf.get(name);
    if (position === undefined) throw new EinopsError(`Axis ${name} is not used in transform`);
    givenByUser.add(name);
    axisNameToElementaryAxis.set(name, position);
  }

  const isKnown = (axis: AxisName): boolean => axis instanceof AnonymousAxis || givenByUser.has(axis);
  const inputAxes = leftComposition.map((group) => {
    const unknownAxes = group.filter((axis) => !isKnown(axis));
    if (unknownAxes.length > 1) throw new EinopsError(`Could not infer sizes for ${formatSet(unknownAxes)}`);
    return {
      known: group.filter(isKnown).map((axis) => positionOf.get(axis)!),
      unknown: unknownAxes.map((axis) => positionOf.get(axis)!),
    };
  });

  const leftOrder = leftComposition.flat();
  const rightOrder = rightComposition.flat();
  const reducedAxes = leftOrder.filter((axis) => !rightIdentifiers.has(axis));
  const orderAfterPermutation = [...rightOrder.filter((axis) => leftIdentifiers.has(axis)), ...reducedAxes];
  const addedAxes = new Map<number, number>();
  rightOrder.forEach((axis, position) => {
    if (!leftIdentifiers.has(axis)) addedAxes.set(position, positionOf.get(axis)!);
  });

  return {
    operation: kind,
    ndim,
    elementaryAxesLengths: [...fixedLength.values()],
    axisNameToElementaryAxis,
    inputAxes,
    axesPermutation: orderAfterPermutation.map((axis) => leftOrder.indexOf(axis)),
    firstReducedAxis: orderAfterPermutation.length - reducedAxes.length,
    addedAxes,
    outputAxes: rightComposition.map((group) => group.map((axis) => positionOf.get(axis)!)),
  };
}

const recipeCache = new LruCache<string, TransformRecipe>(256);

/**
 * The recipe for (pattern, operation, names of the axes given lengths, ndim), from the cache when seen
 * before: the same object is returned for the same key. All reduction functions share one recipe per
 * key, since a recipe does not depend on which function reduces.
 */
export function prepareRecipe(pattern: string, operation: Operation, axesNames: readonly string[], ndim: number): TransformRecipe {
  const operationKey = typeof operation === 'function' ? 'custom' : String(operation);
  // Axis names are identifiers and operation keys have no NUL, so NUL-separated fields cannot run into each other.
  const key = `${operationKey}\0${ndim}\0${axesNames.join('\0')}\0\0${pattern}`;
  return recipeCache.getOrCompute(key, () => buildRecipe(pattern, operation, axesNames, ndim));
}

/** Lengths of all elementary axes and the resulting plan, for a concrete input shape. */
export function planTransform(
  recipe: TransformRecipe,
  shape: readonly number[],
  axesLengths: ReadonlyArray<readonly [string, number]>,
): TransformPlan {
  if (shape.length !== recipe.ndim) {
    throw new EinopsError(`Recipe was prepared for ${recipe.ndim}-dim input, got shape of ${shape.length} dims`);
  }
  const lengths = recipe.elementaryAxesLengths.slice();
  for (const [name, length] of axesLengths) {
    if (!Number.isInteger(length) || length < 0) {
      throw new EinopsError(`Length of axis ${name} should be a non-negative integer, got ${pyNumber(length)}`);
    }
    const position = recipe.axisNameToElementaryAxis.get(name);
    if (position === undefined) throw new EinopsError(`Axis ${name} is not used in transform`);
    lengths[position] = length;
  }

  let needInitReshape = false;
  recipe.inputAxes.forEach(({ known, unknown }, inputAxis) => {
    const length = shape[inputAxis]!;
    if (known.length + unknown.length !== 1) needInitReshape = true;
    if (known.length === 0 && unknown.length === 1) {
      lengths[unknown[0]!] = length;
      return;
    }
    let knownProduct = 1;
    for (const axis of known) knownProduct *= lengths[axis]!;
    if (unknown.length === 0) {
      if (length !== knownProduct) throw new EinopsError(`Shape mismatch, ${length} != ${knownProduct}`);
    } else {
      if (knownProduct === 0 || length % knownProduct !== 0) {
        throw new EinopsError(`Shape mismatch, can't divide axis of length ${length} in chunks of ${knownProduct}`);
      }
      lengths[unknown[0]!] = length / knownProduct;
    }
  });

  const nInputAxes = recipe.axesPermutation.length;
  let needFinalReshape = false;
  const finalShape = recipe.outputAxes.map((group) => {
    if (group.length !== 1) needFinalReshape = true;
    let product = 1;
    for (const axis of group) product *= lengths[axis]!;
    return product;
  });
  const addedAxes = new Map<number, number>();
  for (const [position, axis] of recipe.addedAxes) addedAxes.set(position, lengths[axis]!);
  const reducedAxes: number[] = [];
  for (let axis = recipe.firstReducedAxis; axis < nInputAxes; axis++) reducedAxes.push(axis);
  const isIdentity = recipe.axesPermutation.every((axis, index) => axis === index);

  return {
    initShape: needInitReshape ? lengths.slice(0, nInputAxes) : null,
    permutation: isIdentity ? null : recipe.axesPermutation.slice(),
    reducedAxes,
    reduction: reducedAxes.length > 0 ? recipe.operation : null,
    addedAxes,
    nAxesAfterAdding: nInputAxes - reducedAxes.length + addedAxes.size,
    finalShape: needFinalReshape ? finalShape : null,
  };
}
