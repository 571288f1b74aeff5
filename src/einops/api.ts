/**
 * einops' rearrange, repeat, reduce and parse_shape over any tensor type given its EinopsBackend.
 * Each call: parse and validate the pattern (cached recipe), infer axis lengths from the input shape,
 * then run at most five backend calls (reshape, permute, reduce, addAxes, reshape).
 */
import type { BackendReduction, EinopsBackend } from './backend.js';
import { EinopsError } from './errors.js';
import { ELLIPSIS, hasComposedAxes, parseExpression } from './parse.js';
import { pyDict, pyTuple } from './python-repr.js';
import { describeOperation, planTransform, prepareRecipe } from './recipe.js';
import type { Operation, ReductionName, TransformPlan } from './recipe.js';

export { einsum } from './einsum.js';
export { pack, unpack } from './pack.js';

/** Lengths of axes that the input shape alone does not determine, e.g. `{ p1: 8, p2: 8 }`. */
export type AxesLengths = Readonly<Record<string, number>>;
/** A reduction done by the caller: receives the tensor and the axes to reduce, returns it without those axes. */
export type ReductionFunction<T> = (x: T, axes: number[]) => T;
export type Reduction<T> = ReductionName | ReductionFunction<T>;

/** A tensor, or a list of equally shaped tensors that is stacked along a new first axis. */
export type TensorOrList<T> = T | readonly T[];

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

function resolveInput<T>(backend: EinopsBackend<T>, input: TensorOrList<T>): { x: T; isList: boolean } {
  if (backend.isTensor(input)) return { x: input, isList: false };
  if (!Array.isArray(input)) {
    throw new EinopsError(`Expected a tensor or a list of tensors, got ${describeValue(input)}`);
  }
  if (input.length === 0) throw new EinopsError("Rearrange/Reduce/Repeat can't be applied to an empty list");
  input.forEach((item, index) => {
    if (!backend.isTensor(item)) throw new EinopsError(`Expected a list of tensors, item ${index} is ${describeValue(item)}`);
  });
  return { x: backend.stack([...(input as readonly T[])]), isList: true };
}

/** Runs the plan's steps; every intermediate tensor goes to backend.release once the next step has used it. */
function executePlan<T>(backend: EinopsBackend<T>, input: T, plan: TransformPlan, operation: Operation): T {
  let x = input;
  const advance = (next: T): void => {
    if (x !== next && x !== input) backend.release?.(x);
    x = next;
  };
  if (plan.initShape !== null) advance(backend.reshape(x, plan.initShape));
  if (plan.permutation !== null) advance(backend.permute(x, plan.permutation));
  if (plan.reducedAxes.length > 0) {
    if (typeof operation === 'function') {
      const ndimBefore = backend.shape(x).length;
      const reduced = (operation as ReductionFunction<T>)(x, plan.reducedAxes.slice());
      const ndimAfter = backend.isTensor(reduced) ? backend.shape(reduced).length : -1;
      if (ndimAfter !== ndimBefore - plan.reducedAxes.length) {
        throw new EinopsError(
          `Reduction function should remove the reduced axes ${pyTuple(plan.reducedAxes)} of a ${ndimBefore}-dim tensor ` +
            `and return a ${ndimBefore - plan.reducedAxes.length}-dim tensor, ` +
            (ndimAfter < 0 ? `got ${describeValue(reduced)}` : `got a ${ndimAfter}-dim tensor`),
        );
      }
      advance(reduced);
    } else {
      advance(backend.reduce(x, operation as BackendReduction, plan.reducedAxes));
    }
  }
  if (plan.addedAxes.size > 0) advance(backend.addAxes(x, plan.nAxesAfterAdding, plan.addedAxes));
  if (plan.finalShape !== null) advance(backend.reshape(x, plan.finalShape));
  return x;
}

/** The common path of rearrange, repeat and reduce; EinopsErrors are reworded as einops words them. */
function transform<T>(
  backend: EinopsBackend<T>,
  input: TensorOrList<T>,
  pattern: string,
  operation: Operation,
  axesLengths: AxesLengths,
): T {
  const { x, isList } = resolveInput(backend, input);
  const lengths = Object.entries(axesLengths);
  const shape = backend.shape(x);
  let result: T | undefined;
  try {
    const recipe = prepareRecipe(pattern, operation, lengths.map(([name]) => name), shape.length);
    result = executePlan(backend, x, planTransform(recipe, shape, lengths), operation);
    return result;
  } catch (error) {
    if (!(error instanceof EinopsError)) throw error;
    const about = isList ? 'Input is list. ' : `Input tensor shape: ${pyTuple(shape)}. `;
    throw new EinopsError(
      ` Error while processing ${describeOperation(operation)}-reduction pattern "${pattern}".\n ${about}` +
        `Additional info: ${pyDict(lengths)}.\n ${error.message}`,
    );
  } finally {
    // A list input was stacked into a new tensor: it is an intermediate unless it is the result itself.
    if (isList && result !== x) backend.release?.(x);
  }
}

/** einops.rearrange: reorder, compose and decompose axes, e.g. `'b c (h p1) (w p2) -> b (h w) (p1 p2 c)'`. */
export function rearrange<T>(backend: EinopsBackend<T>, x: TensorOrList<T>, pattern: string, axesLengths: AxesLengths = {}): T {
  return transform(backend, x, pattern, 'rearrange', axesLengths);
}

/** einops.repeat: like rearrange, and axes only on the right are new axes the input is repeated along. */
export function repeat<T>(backend: EinopsBackend<T>, x: TensorOrList<T>, pattern: string, axesLengths: AxesLengths = {}): T {
  return transform(backend, x, pattern, 'repeat', axesLengths);
}

/** einops.reduce: like rearrange, and axes only on the left are reduced with `reduction`. */
export function reduce<T>(
  backend: EinopsBackend<T>,
  x: TensorOrList<T>,
  pattern: string,
  reduction: Reduction<T>,
  axesLengths: AxesLengths = {},
): T {
  return transform(backend, x, pattern, reduction, axesLengths);
}

/**
 * einops.parse_shape: names the dimensions of x, e.g. `parseShape(x, 'batch _ h w')` -> `{ batch: 2, h: 5, w: 7 }`.
 * `_` skips a dimension, `...` any number of them; a number or `1` checks the length.
 */
export function parseShape<T>(backend: EinopsBackend<T>, x: T, pattern: string): Record<string, number> {
  const parsed = parseExpression(pattern, { allowUnderscore: true });
  const shape = backend.shape(x);
  const where = `${pattern} ${pyTuple(shape)}`;
  if (hasComposedAxes(parsed)) throw new EinopsError(`Can't parse shape with composite axes: ${where}`);
  if (parsed.hasEllipsisParenthesized) throw new EinopsError(`Can't parse shape with ellipsis inside parenthesis: ${where}`);
  const nNamed = parsed.composition.length - (parsed.hasEllipsis ? 1 : 0);
  if (shape.length !== parsed.composition.length) {
    if (!parsed.hasEllipsis) throw new EinopsError(`Can't parse shape with different number of dimensions: ${where}`);
    if (shape.length < nNamed) throw new EinopsError(`Can't parse shape with this number of dimensions: ${where}`);
  }
  const result: Record<string, number> = {};
  let dim = 0;
  for (const group of parsed.composition) {
    if (group === ELLIPSIS) {
      dim += shape.length - nNamed;
      continue;
    }
    const length = shape[dim++]!;
    if (group.length === 0) {
      if (length !== 1) throw new EinopsError(`Length of axis is not 1: ${where}`);
    } else {
      const axis = group[0]!;
      if (typeof axis !== 'string') {
        if (axis.value !== length) throw new EinopsError(`Length of anonymous axis does not match: ${where}`);
      } else if (axis !== '_') {
        result[axis] = length;
      }
    }
  }
  return result;
}
