// Shorthands that build entries for the common op shapes (one tensor; two tensors or a tensor and a number),
// so that an entry lists only what is particular to its op.
import * as api from '../../../src/index';
import type { Tensor } from '../../../src/index';
import { binarySamples, unarySamples, type BinaryOptions, type UnaryOptions } from '../samples';
import type { ErrorInput, OpEntry, OpResult } from '../types';

type AnyOp = (...args: unknown[]) => OpResult;

/** The exported function at a path ('add', 'nn.functional.relu'). */
export function exported(path: string): AnyOp {
  let value: unknown = api;
  for (const p of path.split('.')) value = (value as Record<string, unknown>)[p];
  if (typeof value !== 'function') throw new Error(`no exported function ${path}`);
  return value as AnyOp;
}

type MethodCall = (self: Tensor, ...args: unknown[]) => OpResult;

function methodOf(name: string): MethodCall | undefined {
  const m = (api.Tensor.prototype as unknown as Record<string, unknown>)[name];
  return typeof m === 'function' ? (self, ...args) => (m as (...a: unknown[]) => OpResult).apply(self, args) : undefined;
}

export interface UnaryEntryOptions extends UnaryOptions {
  /** PyTorch's call when it is not torch.<snake_case name>(t[0]). */
  torch?: string;
  grad?: boolean;
  gradgrad?: boolean;
  /** The op's extra arguments, in order, from the sample's args. */
  extra?: (args: Record<string, unknown>) => unknown[];
  tolerance?: OpEntry['tolerance'];
  errors?: readonly ErrorInput[];
  /** Exported under another path than its name (nn.functional ops). */
  path?: string;
}

export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** An elementwise op of one tensor: the function, its method and its in-place variant where the API has them. */
export function unaryEntry(name: string, options: UnaryEntryOptions = {}): OpEntry {
  const path = options.path ?? name;
  const fn = exported(path);
  const extra = options.extra ?? (() => []);
  const method = methodOf(name);
  const inplace = methodOf(`${name}_`);
  return {
    name: path,
    call: ([x], k) => fn(x, ...extra(k)),
    torch: options.torch ?? `lambda t, k: torch.${snake(name)}(t[0])`,
    samples: unarySamples(options),
    grad: options.grad ?? true,
    gradgrad: options.gradgrad ?? options.grad ?? true,
    ...(method && path === name ? { method: ([x], k) => method(x!, ...extra(k)) } : {}),
    ...(inplace && path === name ? { inplace: ([x], k) => inplace(x!, ...extra(k)) as Tensor } : {}),
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
  };
}

export interface BinaryEntryOptions extends BinaryOptions {
  torch?: string;
  grad?: boolean;
  gradgrad?: boolean;
  extra?: (args: Record<string, unknown>) => unknown[];
  tolerance?: OpEntry['tolerance'];
  errors?: readonly ErrorInput[];
}

/**
 * A broadcasting op of two tensors, or of a tensor and a number (the sample's args.other). PyTorch's call gets the
 * second operand as `o`: `lambda t, k: torch.add(t[0], o(t, k))`.
 */
export function binaryEntry(name: string, options: BinaryEntryOptions = {}): OpEntry {
  const fn = exported(name);
  const extra = options.extra ?? (() => []);
  const method = methodOf(name);
  const inplace = methodOf(`${name}_`);
  const other = (t: Tensor[], k: Record<string, unknown>): unknown => ('other' in k ? k.other : t[1]);
  const body = options.torch ?? `torch.${snake(name)}(t[0], o)`;
  return {
    name,
    call: (t, k) => fn(t[0], other(t, k), ...extra(k)),
    torch: `lambda t, k: (lambda o: ${body})(k['other'] if 'other' in k else t[1])`,
    samples: binarySamples(options),
    grad: options.grad ?? true,
    gradgrad: options.gradgrad ?? options.grad ?? true,
    ...(method ? { method: (t, k) => method(t[0]!, other(t, k), ...extra(k)) } : {}),
    ...(inplace ? { inplace: (t, k) => inplace(t[0]!, other(t, k), ...extra(k)) as Tensor } : {}),
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
  };
}
