// Module.loadStateDict: PyTorch's key matching (torch.nn.Module.load_state_dict / _load_from_state_dict), with every
// check done before the first write so that a failed load leaves the module as it was.
import { noGrad } from '../autograd/grad-mode';
import { sameShape } from '../shape';
import { Tensor } from '../tensor';
import { overwrite } from './tensor-writes';

/** Parameters and buffers by dotted name. */
export type StateDict = Record<string, Tensor>;

/** What loadStateDict accepts: a record or a Map from dotted names to tensors. */
export type StateDictInput = Record<string, Tensor> | Map<string, Tensor>;

/** Keys that did not match (torch.nn.modules.module._IncompatibleKeys). */
export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** A state dict that does not fit the module (PyTorch raises RuntimeError with the same message). */
export class StateDictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateDictError';
  }
}

/** What loading needs of a module, so that this file does not depend on the Module class. */
export interface StateDictTarget {
  _ownParameters(): [string, Tensor][];
  /** [name, buffer, persistent] */
  _ownBuffers(): [string, Tensor, boolean][];
  _ownModules(): [string, StateDictTarget][];
  _getName(): string;
}

const torchSize = (shape: readonly number[]): string => `torch.Size([${shape.join(', ')}])`;

function describe(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === 'number') return `<class '${Number.isInteger(value) ? 'int' : 'float'}'>`;
  if (typeof value === 'object') return `<class '${(value as object).constructor?.name ?? 'object'}'>`;
  return `<class '${typeof value}'>`;
}

/**
 * Loads `input` into `root`. Visits modules in PyTorch's order (pre-order over children, shared children visited
 * once per name): a module's parameters and persistent buffers are looked up as prefix + name; with strict, keys
 * under the module's prefix that name neither a local entry nor (when they continue with '.') a child are unexpected.
 */
export function loadStateDictInto(root: StateDictTarget, input: StateDictInput, strict: boolean): IncompatibleKeys {
  if (input === null || typeof input !== 'object' || input instanceof Tensor) {
    throw new TypeError(`Expected state_dict to be dict-like, got ${describe(input)}.`);
  }
  const entries: Map<string, unknown> = input instanceof Map ? input : new Map(Object.entries(input));
  const keys = [...entries.keys()];
  const missingKeys: string[] = [];
  const unexpectedKeys: string[] = [];
  const errors: string[] = [];
  const copies: [Tensor, Tensor][] = [];

  const visit = (module: StateDictTarget, prefix: string): void => {
    const local = new Map<string, Tensor>();
    for (const [name, p] of module._ownParameters()) local.set(name, p);
    for (const [name, b, persistent] of module._ownBuffers()) if (persistent) local.set(name, b);
    for (const [name, target] of local) {
      const key = prefix + name;
      if (!entries.has(key)) {
        missingKeys.push(key);
        continue;
      }
      const value = entries.get(key);
      if (!(value instanceof Tensor)) {
        errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${describe(value)}`);
        continue;
      }
      if (value.isDisposed) {
        errors.push(`While copying the parameter named "${key}", the checkpoint tensor was already disposed`);
        continue;
      }
      if (!sameShape(value.shape, target.shape)) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${torchSize(value.shape)} from checkpoint, ` +
            `the shape in current model is ${torchSize(target.shape)}.`,
        );
        continue;
      }
      copies.push([target, value]);
    }
    const children = module._ownModules();
    const childNames = new Set(children.map(([name]) => name));
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot >= 0 ? !childNames.has(rest.slice(0, dot)) : !local.has(rest)) unexpectedKeys.push(key);
    }
    for (const [name, child] of children) visit(child, `${prefix}${name}.`);
  };
  visit(root, '');

  if (strict) {
    if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
    if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
  }
  if (errors.length > 0) throw new StateDictError(`Error(s) in loading state_dict for ${root._getName()}:\n\t${errors.join('\n\t')}`);
  noGrad(() => {
    for (const [target, value] of copies) overwrite(target, value);
  });
  return { missingKeys, unexpectedKeys };
}
