// PyTorch-style arguments for the reductions: positional parameters in PyTorch's order, and a trailing options
// object that may name any of them (`x.sum(1, true)` or `x.sum({ dim: 1, keepdim: true })`).
import { checkDType, type DType } from '../../dtype';
import { checkOptionKeys } from '../../options';
import { normalizeDim } from '../../shape';
import { Tensor } from '../../tensor';

function isOptionsObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !ArrayBuffer.isView(v);
}

/**
 * Maps positional `args` onto `names` and merges a trailing options object, which may also name the `keywordOnly`
 * parameters. `op` names the function in messages. Throws when a parameter is given both ways or is unknown.
 */
export function namedArgs<T extends object>(
  op: string,
  names: readonly (keyof T & string)[],
  args: readonly unknown[],
  keywordOnly: readonly (keyof T & string)[] = [],
): Partial<T> {
  let positional = args;
  let options: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (args.length > 0 && isOptionsObject(last)) {
    options = last;
    positional = args.slice(0, -1);
  }
  // Trailing undefined positionals are "not given".
  let count = positional.length;
  while (count > 0 && positional[count - 1] === undefined) count--;
  if (count > names.length) {
    throw new TypeError(`${op}() takes at most ${names.length} positional arguments (${names.join(', ')}) but ${count} were given`);
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) if (positional[i] !== undefined) out[names[i]] = positional[i];
  checkOptionKeys(op, options, [...names, ...keywordOnly]);
  for (const [key, value] of Object.entries(options)) {
    if (key in out) throw new TypeError(`${op}() got multiple values for argument '${key}'`);
    if (value !== undefined) out[key] = value;
  }
  return out as Partial<T>;
}

export function boolArg(op: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${op}(): argument '${name}' must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

/** The options of the ops along one dim whose result has the input's shape (softmax, log_softmax, cumsum, cumprod). */
export interface AlongDimOptions {
  dim?: number;
  /** Cast the input to this dtype first. */
  dtype?: DType;
}

/**
 * The dim (normalised) of an op along one dim, and its input: x, or x converted to the `dtype` option when given.
 * `dimName` says in the error for a missing dim what the dim is for.
 */
export function alongDimArgs(op: string, x: Tensor, args: readonly unknown[], dimName: string): { d: number; input: Tensor } {
  const a = namedArgs<AlongDimOptions>(op, ['dim'], args, ['dtype']);
  if (typeof a.dim !== 'number') throw new TypeError(`${op}(): missing ${dimName} (an integer), got ${JSON.stringify(a.dim)}`);
  const dtype = a.dtype === undefined ? undefined : checkDType(a.dtype);
  const input = dtype === undefined || dtype === x.dtype ? x : x.to(dtype);
  return { d: normalizeDim(a.dim, x.ndim), input };
}
