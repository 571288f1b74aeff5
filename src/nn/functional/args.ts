// Argument forms of nn.functional: PyTorch's positional order, any leading part of it, optionally followed by
// an options object naming any parameter (`conv2d(x, w, b, 2, 1)` or `conv2d(x, w, { stride: 2, padding: 1 })`).
import { checkOptionKeys } from '../../options';
import { Tensor } from '../../tensor';

/** Every leading part of the tuple P, from [] to P itself. */
type Leading<P extends unknown[]> = P extends [...infer Init, unknown] ? P | Leading<Init> : [];

/** The trailing arguments of a functional: positional parameters P (a leading part), then optionally options O. */
export type PositionalOrOptions<P extends unknown[], O> = Leading<P> | [...Leading<P>, O];

/** A size given as one int for every spatial dim, or one per dim. */
export type IntOrPair = number | readonly [number, number] | readonly number[];

export type Reduction = 'mean' | 'sum' | 'none';

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tensor) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Names the trailing arguments of `fn` after `names` (PyTorch's positional order), merging a trailing options
 * object; a parameter given both ways is an error, as in Python. undefined means "not given".
 */
export function namedArgs(fn: string, names: readonly string[], args: readonly unknown[]): Record<string, unknown> {
  let positional = args;
  let options: Record<string, unknown> = {};
  if (args.length > 0 && isOptionsObject(args[args.length - 1])) {
    options = args[args.length - 1] as Record<string, unknown>;
    positional = args.slice(0, -1);
  }
  if (positional.length > names.length) {
    throw new TypeError(`${fn}() takes at most ${names.length} optional positional arguments after its inputs (${names.join(', ')}) but ${positional.length} were given`);
  }
  const out: Record<string, unknown> = {};
  positional.forEach((v, i) => (out[names[i]] = v));
  checkOptionKeys(fn, options, names);
  for (const [key, value] of Object.entries(options)) {
    if (out[key] !== undefined && value !== undefined) throw new TypeError(`${fn}() got multiple values for argument '${key}'`);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** An int or a tuple of n ints (PyTorch's _pair / _single), checked to be integers. */
export function expandInts(fn: string, name: string, value: IntOrPair, n: number): number[] {
  const list = typeof value === 'number' ? new Array<number>(n).fill(value) : Array.from(value);
  if (list.length === 1 && n > 1) return new Array<number>(n).fill(list[0]);
  if (list.length !== n || !list.every(Number.isInteger)) {
    throw new TypeError(`${fn}(): argument '${name}' must be an int or a tuple of ${n} ints, but got ${JSON.stringify(value)}`);
  }
  return list;
}

export function checkReduction(reduction: unknown): Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new RangeError(`${String(reduction)} is not a valid value for reduction`);
  }
  return reduction;
}

/** Optional tensor argument: a Tensor, or null/undefined for none. */
export function optionalTensor(fn: string, name: string, value: unknown): Tensor | null {
  if (value == null) return null;
  if (!(value instanceof Tensor)) throw new TypeError(`${fn}(): argument '${name}' must be a Tensor or null, not ${typeof value}`);
  value._check();
  return value;
}
