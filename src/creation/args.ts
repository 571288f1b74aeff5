// Argument forms shared by the factories: (...sizes), (sizes[]), each optionally followed by an options object.
import { checkDType, DEFAULT_FLOAT, type DType } from '../dtype';
import { checkSizes } from '../shape';
import type { Generator } from '../random';
import { checkOptionKeys } from '../options';

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

export type SizeArgs<O> = [sizes: readonly number[], options?: O] | [...sizes: number[]] | [...sizes: number[], options: O];

/** Splits factory arguments into a shape and an options object. */
export function parseSizeArgs<O extends object>(args: readonly unknown[]): { shape: number[]; options: O } {
  let options = {} as O;
  let rest = args;
  const last = rest[rest.length - 1];
  if (rest.length > 0 && typeof last === 'object' && last !== null && !Array.isArray(last)) {
    options = last as O;
    rest = rest.slice(0, -1);
  }
  if (rest.length === 1 && Array.isArray(rest[0])) return { shape: checkSizes(rest[0] as number[]), options };
  for (const s of rest) {
    if (typeof s !== 'number') throw new TypeError(`expected sizes as numbers or one array of numbers, got ${JSON.stringify(args)}`);
  }
  return { shape: checkSizes(rest as number[]), options };
}

export function dtypeOr(options: TensorOptions, fallback: DType = DEFAULT_FLOAT): DType {
  return options.dtype === undefined ? fallback : checkDType(options.dtype);
}

const TENSOR_OPTION_KEYS = ['dtype', 'requiresGrad'] as const;
const RANDOM_OPTION_KEYS = ['dtype', 'requiresGrad', 'generator'] as const;

/** The factory options of `fn`, refusing keys it does not take. */
export function tensorOptions<O extends TensorOptions>(fn: string, options: O, random = false): O {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${fn}(): options must be an object, got ${String(options)}`);
  return checkOptionKeys(fn, options, random ? RANDOM_OPTION_KEYS : TENSOR_OPTION_KEYS);
}
