// nn.Module: the base of every layer and model (torch.nn.Module).
//
// Registration. JavaScript cannot intercept `this.fc1 = new Linear(...)` without a Proxy, and a Proxy would slow
// every property read in forward(). So a module's parameters and submodules are simply its own enumerable
// properties whose value is a Parameter or a Module, found when the module tree is walked (parameters(),
// stateDict(), toString() ...), in property definition order, which is PyTorch's registration order (class field
// declaration order, then assignment order). Replacing or deleting such a property re-registers or unregisters it,
// as PyTorch's __setattr__/__delattr__ do. Buffers are plain tensors, so they are named explicitly through
// registerBuffer(); their current value is read from the property of that name. Containers (Sequential, ModuleList,
// ModuleDict) keep their own key order, since JavaScript lists integer-like property names first.
import { DTYPES, checkDType, type DType } from '../dtype';
import { DTypeError, NotSupportedError } from '../errors';
import { keep } from '../lifetime';
import { checkOptionKeys } from '../options';
import { cast } from '../ops/cast';
import { Tensor } from '../tensor';
import { Parameter } from './parameter';
import { addIndent } from './repr';
import { loadStateDictInto, type IncompatibleKeys, type StateDict, type StateDictInput } from './state-dict';
import { zeroGradOf } from './tensor-writes';

export type { IncompatibleKeys, StateDict, StateDictInput } from './state-dict';

export interface MemberOptions {
  /** Prefix prepended to every name. */
  prefix?: string;
  /** Include members of submodules (default true). */
  recurse?: boolean;
  /** Report a member shared by several modules once (default true). */
  removeDuplicate?: boolean;
}

export interface StateDictOptions {
  /** Prefix prepended to every key. */
  prefix?: string;
  /** Return the parameters and buffers themselves instead of detached views of them (default false). */
  keepVars?: boolean;
}

/** Python's torch.typename for error messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (value instanceof Tensor) return value instanceof Parameter ? 'torch.nn.parameter.Parameter' : value._torchTypeName();
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function checkName(kind: 'parameter' | 'buffer' | 'module', name: unknown): asserts name is string {
  if (typeof name !== 'string') throw new TypeError(`${kind} name should be a string. Got ${typeName(name)}`);
  if (name.includes('.')) throw new RangeError(kind === 'module' ? `module name can't contain ".", got: ${name}` : `${kind} name can't contain "."`);
  if (name === '') throw new RangeError(`${kind} name can't be empty string ""`);
}

export class Module {
  /** True in training mode (train()), false in evaluation mode (eval()). */
  training = true;
  /** @internal Registered buffer names in registration order; the value says whether the buffer is persistent. */
  declare readonly _bufferNames: Map<string, boolean>;

  constructor() {
    Object.defineProperty(this, '_bufferNames', { value: new Map<string, boolean>(), enumerable: false });
  }

  /** The computation of the module: subclasses define it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forward(..._inputs: any[]): any {
    throw new NotSupportedError(`Module [${this._getName()}] is missing the required "forward" function`);
  }

  // ------------------------------------------------------------------ registration

  /** @internal Own attribute names in definition order (containers override this to keep their key order). */
  _attributeNames(): string[] {
    return Object.keys(this);
  }

  private _slot(name: string): unknown {
    return (this as unknown as Record<string, unknown>)[name];
  }

  private _setSlot(name: string, value: unknown): void {
    (this as unknown as Record<string, unknown>)[name] = value;
  }

  /** Throws PyTorch's "attribute already exists" unless `name` is free or already holds a member of this kind. */
  private _checkFree(name: string, sameKind: (value: unknown) => boolean): void {
    if (!(name in this)) return;
    const own = Object.prototype.hasOwnProperty.call(this, name);
    const value = this._slot(name);
    if (own && (value === undefined || value === null || sameKind(value))) return;
    throw new RangeError(`attribute '${name}' already exists`);
  }

  /** Adds a parameter (or null: a declared but absent parameter, like Linear's bias=False). */
  registerParameter(name: string, param: Parameter | null): void {
    checkName('parameter', name);
    this._checkFree(name, (v) => v instanceof Parameter);
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(`cannot assign '${typeName(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    }
    if (param !== null && param.gradFn !== null) {
      throw new RangeError(
        `Cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created explicitly. ` +
          `To express '${name}' as a function of another Tensor, compute the value in the forward() method.`,
      );
    }
    this._setSlot(name, param);
  }

  /**
   * Adds a buffer: a tensor that is part of the module's state but not a parameter. Persistent buffers are part of
   * stateDict(). The buffer is kept out of tidy() scopes.
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    checkName('buffer', name);
    if (!this._bufferNames.has(name)) this._checkFree(name, () => false);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(`cannot assign '${typeName(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    if (tensor instanceof Parameter) {
      throw new TypeError(`cannot assign a Parameter to buffer '${name}' (use registerParameter)`);
    }
    if (tensor !== null) keep(tensor);
    this._bufferNames.set(name, persistent);
    this._setSlot(name, tensor);
  }

  /** Adds a child module (or null), reachable as a property of that name. */
  addModule(name: string, module: Module | null): void {
    if (module !== null && !(module instanceof Module)) throw new TypeError(`${typeName(module)} is not a Module subclass`);
    checkName('module', name);
    this._checkFree(name, (v) => v instanceof Module);
    this._setSlot(name, module);
  }

  /** Alias of addModule. */
  registerModule(name: string, module: Module | null): void {
    this.addModule(name, module);
  }

  /** @internal Own parameters in registration order. */
  _ownParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const name of this._attributeNames()) {
      const value = this._slot(name);
      if (value instanceof Parameter && !this._bufferNames.has(name)) out.push([name, value]);
    }
    return out;
  }

  /** @internal Own buffers (non-null) in registration order, with their persistence. */
  _ownBuffers(): [string, Tensor, boolean][] {
    const out: [string, Tensor, boolean][] = [];
    for (const [name, persistent] of this._bufferNames) {
      const value = this._slot(name);
      if (value instanceof Tensor) out.push([name, value, persistent]);
    }
    return out;
  }

  /** @internal Own child modules in registration order (not deduplicated: PyTorch's _modules). */
  _ownModules(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const name of this._attributeNames()) {
      const value = this._slot(name);
      if (value instanceof Module) out.push([name, value]);
    }
    return out;
  }

  // ------------------------------------------------------------------ traversal

  /** Immediate children with their names, each module once. */
  namedChildren(): [string, Module][] {
    const seen = new Set<Module>();
    return this._ownModules().filter(([, m]) => !seen.has(m) && (seen.add(m), true));
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, pre-order, with dotted names ('' for this module). */
  namedModules(prefix = '', removeDuplicate = true): [string, Module][] {
    const out: [string, Module][] = [];
    const memo = new Set<Module>();
    const visit = (module: Module, name: string): void => {
      if (memo.has(module)) return;
      if (removeDuplicate) memo.add(module);
      out.push([name, module]);
      for (const [childName, child] of module._ownModules()) visit(child, name === '' ? childName : `${name}.${childName}`);
    };
    visit(this, prefix);
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  private _namedMembers<T extends Tensor>(get: (m: Module) => [string, T][], args: [string | MemberOptions | undefined, boolean, boolean]): [string, T][] {
    const [first, recurseArg, removeArg] = args;
    const options: MemberOptions = typeof first === 'object' ? first : { prefix: first, recurse: recurseArg, removeDuplicate: removeArg };
    const prefix = options.prefix ?? '';
    const removeDuplicate = options.removeDuplicate ?? true;
    const modules: [string, Module][] = options.recurse ?? true ? this.namedModules(prefix, removeDuplicate) : [[prefix, this]];
    const memo = new Set<Tensor>();
    const out: [string, T][] = [];
    for (const [modulePrefix, module] of modules) {
      for (const [name, value] of get(module)) {
        if (memo.has(value)) continue;
        if (removeDuplicate) memo.add(value);
        out.push([modulePrefix === '' ? name : `${modulePrefix}.${name}`, value]);
      }
    }
    return out;
  }

  /** Parameters with dotted names ('fc1.weight'), this module's first, then each submodule's in pre-order. */
  namedParameters(prefix?: string | MemberOptions, recurse = true, removeDuplicate = true): [string, Parameter][] {
    return this._namedMembers((m) => m._ownParameters(), [prefix, recurse, removeDuplicate]);
  }

  parameters(recurse: boolean | { recurse?: boolean } = true): Parameter[] {
    const r = typeof recurse === 'object' ? (recurse.recurse ?? true) : recurse;
    return this.namedParameters('', r).map(([, p]) => p);
  }

  namedBuffers(prefix?: string | MemberOptions, recurse = true, removeDuplicate = true): [string, Tensor][] {
    return this._namedMembers((m) => m._ownBuffers().map(([n, t]) => [n, t] as [string, Tensor]), [prefix, recurse, removeDuplicate]);
  }

  buffers(recurse: boolean | { recurse?: boolean } = true): Tensor[] {
    const r = typeof recurse === 'object' ? (recurse.recurse ?? true) : recurse;
    return this.namedBuffers('', r).map(([, t]) => t);
  }

  /** The submodule at a dotted path ('encoder.layers.0'); '' is this module (torch.nn.Module.get_submodule). */
  getSubmodule(target: string): Module {
    if (target === '') return this;
    let module: Module = this;
    for (const item of target.split('.')) {
      const next = (module as unknown as Record<string, unknown>)[item];
      if (!Object.prototype.hasOwnProperty.call(module, item) || next === undefined) {
        throw new RangeError(`${module._getName()} has no attribute \`${item}\``);
      }
      if (!(next instanceof Module)) throw new RangeError(`\`${item}\` is not an nn.Module`);
      module = next;
    }
    return module;
  }

  /** Total number of elements over parameters() (each shared parameter once). */
  numParameters(onlyTrainable = false): number {
    let total = 0;
    for (const p of this.parameters()) if (!onlyTrainable || p.requiresGrad) total += p.numel();
    return total;
  }

  // ------------------------------------------------------------------ modes and gradients

  /** Sets training mode on this module and every descendant; returns this. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TypeError('training mode is expected to be boolean');
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** Evaluation mode: train(false). */
  eval(): this {
    return this.train(false);
  }

  /**
   * Resets the gradients of all parameters. setToNone (the default) releases them: each .grad is disposed and set
   * to null (clone a gradient that must outlive this call); otherwise they are zeroed in place.
   */
  zeroGrad(setToNone = true): void {
    for (const p of this.parameters()) zeroGradOf(p, setToNone);
  }

  /** Sets requiresGrad on every parameter; returns this. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }

  /** Calls fn on every submodule (children first, post-order) and then on this module; returns this. */
  apply(fn: (module: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  // ------------------------------------------------------------------ dtype and lifetime

  /**
   * Converts floating point parameters and buffers to dtype (a floating dtype), in place; returns this. Converted
   * parameters are new Parameter objects (tied parameters stay tied) and the old ones are disposed: create
   * optimisers after converting the model.
   */
  to(dtype: DType): this {
    checkDType(dtype);
    if (!DTYPES[dtype].isFloat) {
      throw new DTypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=${DTYPES[dtype].torchName}`);
    }
    const converted = new Map<Tensor, Tensor>();
    const convert = <T extends Tensor>(t: T, make: (c: Tensor) => T): T => {
      if (!DTYPES[t.dtype].isFloat || t.dtype === dtype) return t;
      let out = converted.get(t) as T | undefined;
      if (out === undefined) {
        const c = cast(t, dtype);
        out = make(c);
        if (out !== c) c.dispose();
        converted.set(t, out);
      }
      return out;
    };
    for (const module of this.modules()) {
      for (const [name, p] of module._ownParameters()) {
        const q = convert(p, (c) => new Parameter(c, p.requiresGrad));
        if (q !== p && p.grad !== null && !p.grad.isDisposed) q.grad = keep(cast(p.grad, dtype));
        module._setSlot(name, q);
      }
      for (const [name, b] of module._ownBuffers()) module._setSlot(name, convert(b, (c) => keep(c)));
    }
    for (const old of converted.keys()) {
      if (old.grad !== null) old.grad.dispose();
      old.dispose();
    }
    return this;
  }

  /** to('float64'). */
  double(): this {
    return this.to('float64');
  }

  /** to('float32'). */
  float(): this {
    return this.to('float32');
  }

  /** Releases every parameter, gradient and buffer of this module tree; the module is unusable afterwards. */
  dispose(): void {
    for (const module of this.modules()) {
      for (const [, p] of module._ownParameters()) {
        p.grad?.dispose();
        p.dispose();
      }
      for (const [, b] of module._ownBuffers()) b.dispose();
    }
  }

  // ------------------------------------------------------------------ state dict

  /**
   * Parameters and persistent buffers by dotted name (PyTorch's keys and order): this module's parameters, then its
   * buffers, then each child's entries. Values are detached views sharing storage with the module (or, with
   * keepVars, the parameters and buffers themselves).
   */
  stateDict(options: StateDictOptions = {}): StateDict {
    checkOptionKeys('state_dict', options, ['prefix', 'keepVars']);
    const out: StateDict = {};
    const keepVars = options.keepVars ?? false;
    const visit = (module: Module, prefix: string): void => {
      for (const [name, p] of module._ownParameters()) out[prefix + name] = keepVars ? p : p.detach();
      for (const [name, b, persistent] of module._ownBuffers()) if (persistent) out[prefix + name] = keepVars ? b : b.detach();
      for (const [name, child] of module._ownModules()) visit(child, `${prefix}${name}.`);
    };
    visit(this, options.prefix ?? '');
    return out;
  }

  /**
   * Copies parameters and buffers from stateDict (a record or Map of tensors keyed as stateDict() names them).
   * strict (default true) requires the keys to match exactly. Shapes must match in any mode. Every problem is
   * reported at once in PyTorch's message, and nothing is copied unless everything is valid.
   */
  loadStateDict(stateDict: StateDictInput, strict: boolean | { strict?: boolean } = true): IncompatibleKeys {
    const isStrict = typeof strict === 'object' ? (checkOptionKeys('load_state_dict', strict, ['strict']).strict ?? true) : strict;
    return loadStateDictInto(this, stateDict, isStrict);
  }

  // ------------------------------------------------------------------ printing

  /** @internal The class name PyTorch prints (built-in layers name themselves, so that minified builds print right). */
  _getName(): string {
    const ctor = this.constructor as { name: string; moduleName?: string };
    return Object.prototype.hasOwnProperty.call(ctor, 'moduleName') && ctor.moduleName !== undefined ? ctor.moduleName : ctor.name;
  }

  /** The text between the parentheses of this module's one-line description (torch.nn.Module.extra_repr). */
  extraRepr(): string {
    return '';
  }

  /** @internal The '(name): child' lines of toString(). */
  _childLines(): string[] {
    return this._ownModules().map(([key, module]) => `(${key}): ${addIndent(module.toString(), 2)}`);
  }

  /** The module tree exactly as print(module) shows it in PyTorch. */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra === '' ? [] : extra.split('\n');
    const childLines = this._childLines();
    const lines = [...extraLines, ...childLines];
    let main = `${this._getName()}(`;
    if (lines.length > 0) {
      if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0];
      else main += `\n  ${lines.join('\n  ')}\n`;
    }
    return `${main})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
