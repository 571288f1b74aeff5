// PyTorch-style arguments for the reductions: positional parameters in PyTorch's order, and a trailing options
// object that may name any of them (`x.sum(1, true)` or `x.sum({ dim: 1, keepdim: true })`).
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
  for (const [key, value] of Object.entries(options)) {
    if (!(names as readonly string[]).includes(key) && !(keywordOnly as readonly string[]).includes(key)) {
      throw new TypeError(`${op}() got an unexpected keyword argument '${key}' (expected one of: ${[...names, ...keywordOnly].join(', ')})`);
    }
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
