// The op table's building block. `defineOp(name, fn, options)` marks a public function as an op: its Tensor method
// (the function with the tensor as `this`) and its in-place variant (`name_`) come from the same declaration, and
// src/methods.ts installs them and derives their types from the op modules' exports, so an op is written once.
import type { Tensor } from '../tensor';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SelfFn = (self: Tensor, ...args: any[]) => any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;

/** Where the runtime keeps an op's method and in-place variant. */
export const OP_INFO = Symbol('wasmgrad.op');

export interface OpInfo {
  /** PyTorch's name in camelCase: the function's export name and the method's name. */
  readonly name: string;
  /** The method's implementation with the tensor first (null: the op is a function only, like torch.cat). */
  readonly method: SelfFn | null;
  /** The in-place variant `name_` (null: none). */
  readonly inplace: SelfFn | null;
}

// Type-level carriers of the method and in-place signatures (never present at runtime).
declare const METHOD: unique symbol;
declare const INPLACE: unique symbol;
declare const METHOD_SIGNATURES: unique symbol;

export type Op<F extends AnyFn, M extends AnyFn | null, I extends AnyFn | null> = F & {
  readonly [OP_INFO]: OpInfo;
  readonly [METHOD]?: M;
  readonly [INPLACE]?: I;
};

export interface OpOptions<M extends AnyFn | null, I extends AnyFn | null> {
  /** The method with the tensor first; default: the function itself. null: no method. */
  method?: M;
  /** The in-place variant, installed as the method `name_`. */
  inplace?: I;
}

export function defineOp<F extends AnyFn, M extends AnyFn | null = F, I extends AnyFn | null = null>(
  name: string,
  fn: F,
  options: OpOptions<M, I> = {},
): Op<F, M, I> {
  for (const key of Object.keys(options)) {
    if (key !== 'method' && key !== 'inplace') throw new TypeError(`defineOp(${name}): unknown option '${key}'`);
  }
  const method = options.method === undefined ? (fn as unknown as SelfFn) : options.method;
  const info: OpInfo = { name, method, inplace: options.inplace ?? null };
  Object.defineProperty(fn, OP_INFO, { value: info });
  return fn as Op<F, M, I>;
}

export function opInfo(value: unknown): OpInfo | null {
  return typeof value === 'function' && OP_INFO in value ? (value as { [OP_INFO]: OpInfo })[OP_INFO] : null;
}

type Unself<F> = F extends (self: Tensor, ...args: infer A) => infer R ? (...args: A) => R : never;
// Read by key, never by matching an op's type against a function or object type: such a match compares the op's
// parameter types with Tensor while Tensor's members are being derived from the ops (a circular base type).
type MethodOf<V> = typeof METHOD extends keyof V ? NonNullable<V[typeof METHOD & keyof V]> : never;
type InplaceOf<V> = typeof INPLACE extends keyof V ? NonNullable<V[typeof INPLACE & keyof V]> : never;

/** The Tensor methods that an op module's exports declare: `x.name(...)` and, where declared, `x.name_(...)`. */
export type MethodsOf<Module> = {
  [K in keyof Module as [MethodOf<Module[K]>] extends [never] ? never : K]: typeof METHOD_SIGNATURES extends keyof Module[K]
    ? Module[K][typeof METHOD_SIGNATURES & keyof Module[K]]
    : Unself<MethodOf<Module[K]>>;
} & {
  [K in keyof Module as [InplaceOf<Module[K]>] extends [never] ? never : `${K & string}_`]: Unself<InplaceOf<Module[K]>>;
};

/**
 * Gives an overloaded op its method's signatures (without the tensor), e.g. `max()`, `max(other)`, `max(dim)`: the
 * method type derived from an overloaded function would keep only its last overload.
 */
export function withMethodSignatures<S>(): <O extends { readonly [OP_INFO]: OpInfo }>(op: O) => WithMethodSignatures<O, S> {
  return (op) => op as WithMethodSignatures<typeof op, S>;
}

/** An op whose method has the signatures S (see withMethodSignatures). */
export type WithMethodSignatures<O, S> = O & { readonly [METHOD_SIGNATURES]: S };

/**
 * The method: `fn` with the tensor as first argument. Calls with up to three arguments pass them on by name, so that
 * the common call allocates no arguments array; longer ones (variadic dims) are spread.
 */
function asMethod(fn: SelfFn): (this: Tensor, ...args: unknown[]) => unknown {
  return function (this: Tensor, a?: unknown, b?: unknown, c?: unknown) {
    switch (arguments.length) {
      case 0:
        return fn(this);
      case 1:
        return fn(this, a);
      case 2:
        return fn(this, a, b);
      case 3:
        return fn(this, a, b, c);
      default:
        // eslint-disable-next-line prefer-rest-params
        return fn(this, ...(arguments as unknown as unknown[]));
    }
  };
}

/** Installs the methods of every op exported by `module` on `proto` (called once, by src/methods.ts). */
export function installOps(proto: object, module: Record<string, unknown>): void {
  const target = proto as Record<string, unknown>;
  for (const [key, value] of Object.entries(module)) {
    const info = opInfo(value);
    if (info === null) continue;
    if (info.name !== key) throw new Error(`internal: op '${info.name}' is exported as '${key}'`);
    if (info.method !== null) target[key] = asMethod(info.method);
    if (info.inplace !== null) target[`${key}_`] = asMethod(info.inplace);
  }
}
