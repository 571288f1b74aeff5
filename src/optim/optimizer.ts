// optim.Optimizer: parameter groups, per-parameter state, zeroGrad and state dicts (torch/optim/optimizer.py).
//
// A step is all-or-nothing: subclasses first validate every group's hyper-parameters and every gradient, then
// allocate whatever state and scratch memory the step needs, and only then run the update kernels, which cannot
// fail. So an invalid setting or an out-of-memory error leaves parameters and state exactly as they were.
import { enableGrad, noGrad } from '../autograd/grad-mode';
import { DTYPES, type DType } from '../dtype';
import { DisposedError, DTypeError, ShapeError } from '../errors';
import { keep } from '../lifetime';
import { zeros } from '../creation/factories';
import { cast } from '../ops/cast';
import { sameShape } from '../shape';
import { copyInto, copyTensorInto } from '../backend/copy';
import { Tensor } from '../tensor';
import { typeName } from '../nn/module';
import { zeroGradOf } from '../nn/tensor-writes';

/** One parameter group: its parameters and its hyper-parameters (any other keys are kept as given). */
export type ParamGroup<O> = O & { params: Tensor[] };

/** A group as given to the constructor or addParamGroup: params plus any hyper-parameters to override. */
export type ParamGroupInput<O> = Partial<O> & { params: Iterable<Tensor> | Tensor };

/** What optimisers accept: parameters (model.parameters()), or parameter groups. */
export type ParamsInput<O> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/** Per-parameter state: tensors (moment estimates, momentum buffers) and numbers (the step count). */
export type ParamState = Record<string, Tensor | number>;

/**
 * PyTorch's optimizer state_dict layout: state keyed by the parameter's index (counting through the groups in
 * order), and the groups' hyper-parameters with `params` as index lists.
 */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: (Record<string, unknown> & { params: number[] })[];
}

/** A number as Python prints it in PyTorch's messages (nan, inf). */
export function formatNumber(x: unknown): string {
  if (typeof x !== 'number') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(x);
}

/** Throws TypeError unless value is a number (hyper-parameter `name`). */
export function checkNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeName(value)}`);
  return value;
}

/** Throws TypeError unless value is a boolean (hyper-parameter `name`). */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${typeName(value)}`);
  return value;
}

/** A parameter and its gradient, checked and made contiguous for one update kernel call. */
export interface UpdateTarget {
  param: Tensor;
  /** Contiguous memory the kernel updates: the parameter itself, or a scratch copy written back afterwards. */
  paramData: Tensor;
  /** Contiguous gradient: the gradient itself, or a scratch copy. */
  gradData: Tensor;
}

export abstract class Optimizer<O extends object> {
  readonly defaults: Readonly<O>;
  paramGroups: ParamGroup<O>[] = [];
  /** State of each parameter that has been stepped (or loaded). */
  state = new Map<Tensor, ParamState>();

  protected constructor(params: ParamsInput<O>, defaults: O) {
    this.validateGroup(defaults);
    this.defaults = { ...defaults };
    if (params instanceof Tensor || params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typeName(params)}`);
    }
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new RangeError('optimizer got an empty parameter list');
    const groups = list[0] instanceof Tensor || !isPlainObject(list[0]) ? [{ params: list }] : list;
    for (const group of groups) this.addParamGroup(group as ParamGroupInput<O>);
  }

  /** Throws PyTorch's error for an invalid hyper-parameter of a group (or of the defaults). */
  protected abstract validateGroup(group: O): void;

  /** Names of the per-parameter state tensors this optimiser keeps, for loadStateDict's checks. */
  protected abstract stateTensorNames(): readonly string[];

  /** Runs the update of every parameter with a gradient (called under noGrad). */
  protected abstract update(): void;

  /** Adds a group of parameters with its own hyper-parameters (the defaults fill what it does not give). */
  addParamGroup(group: ParamGroupInput<O>): void {
    if (!isPlainObject(group)) throw new TypeError(`param_group must be a dict, but got ${typeName(group)}`);
    const given = group.params as unknown;
    if (given === undefined) throw new TypeError("param_group must have a 'params' key");
    if (given instanceof Set) {
      throw new TypeError(
        'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
      );
    }
    const params = given instanceof Tensor ? [given] : [...(given as Iterable<unknown>)];
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeName(p)}`);
      if (!(p.isLeaf || p.retainsGrad)) throw new RangeError("can't optimize a non-leaf Tensor");
    }
    if (new Set(params).size !== params.length) throw new RangeError('optimizer contains a parameter group with duplicate parameters');
    const full = { ...this.defaults, ...group, params } as ParamGroup<O>;
    this.validateGroup(full);
    for (const existing of this.paramGroups) {
      if (existing.params.some((p) => params.includes(p))) throw new RangeError('some parameters appear in more than one parameter group');
    }
    this.paramGroups.push(full);
  }

  /**
   * Resets the gradients of every parameter: setToNone (the default) disposes them and sets .grad to null;
   * otherwise they are zeroed in place.
   */
  zeroGrad(setToNone = true): void {
    for (const group of this.paramGroups) for (const p of group.params) zeroGradOf(p, setToNone);
  }

  /**
   * One optimisation step. closure, if given, re-evaluates the model and returns the loss (it runs with gradients
   * enabled, before the update); step returns what it returned.
   */
  step<L = Tensor | number>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => this.update());
    return loss;
  }

  // ------------------------------------------------------------------ helpers for subclasses

  /**
   * The parameters of a group that have a gradient, checked (not disposed, same shape and dtype as the gradient,
   * floating point) and given contiguous memory for the kernel; scratch tensors are listed in `scratch`.
   */
  protected targets(group: ParamGroup<O>, scratch: Tensor[]): UpdateTarget[] {
    const out: UpdateTarget[] = [];
    for (const param of group.params) {
      // A disposed parameter has no gradient any more (dispose releases it), but stepping over it is still a mistake.
      if (param.isDisposed) throw new DisposedError(`optimizer: a parameter of shape [${param.shape.join(', ')}] was disposed`);
      const grad = param.grad;
      if (grad === null) continue;
      if (grad.isDisposed) throw new DisposedError(`optimizer: the gradient of a parameter of shape [${param.shape.join(', ')}] was disposed`);
      if (!DTYPES[param.dtype].isFloat) throw new DTypeError(`optimizer: parameters must be floating point, got ${DTYPES[param.dtype].torchName}`);
      if (grad.dtype !== param.dtype) {
        throw new DTypeError(`optimizer: gradient dtype ${DTYPES[grad.dtype].torchName} does not match parameter dtype ${DTYPES[param.dtype].torchName}`);
      }
      if (!sameShape(grad.shape, param.shape)) {
        throw new ShapeError(`optimizer: gradient of shape [${grad.shape.join(', ')}] does not match parameter of shape [${param.shape.join(', ')}]`);
      }
      out.push({ param, paramData: param, gradData: grad });
    }
    for (const t of out) {
      if (!t.param._contiguous) {
        t.paramData = contiguousCopy(t.param);
        scratch.push(t.paramData);
      }
      if (!t.gradData._contiguous) {
        t.gradData = contiguousCopy(t.gradData);
        scratch.push(t.gradData);
      }
    }
    return out;
  }

  /** After the kernels: writes scratch parameter copies back, bumps version counters, frees scratch memory. */
  protected finish(targets: UpdateTarget[], scratch: Tensor[]): void {
    for (const t of targets) {
      if (t.paramData !== t.param) copyTensorInto(t.paramData, t.param);
      t.param._bumpVersion();
    }
    for (const s of scratch) s.dispose();
  }

  /** A new zero-filled state tensor shaped like the parameter, kept out of tidy scopes. */
  protected zerosLike(param: Tensor): Tensor {
    return keep(zeros(param.shape.slice(), { dtype: param.dtype }));
  }

  // ------------------------------------------------------------------ state dict

  /**
   * State and hyper-parameters in PyTorch's layout (with camelCase names: momentumBuffer, expAvg, expAvgSq,
   * maxExpAvgSq, step). Tensors are detached views sharing memory with the optimiser's state.
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...hyper } = group as ParamGroup<O>;
      const ids = params.map((p) => {
        if (!index.has(p)) index.set(p, index.size);
        return index.get(p)!;
      });
      return { ...copyHyper(hyper as Record<string, unknown>), params: ids };
    });
    const state: Record<number, ParamState> = {};
    for (const [param, entry] of this.state) {
      const id = index.get(param);
      if (id === undefined) continue;
      const packed: ParamState = {};
      for (const [key, value] of Object.entries(entry)) packed[key] = value instanceof Tensor ? value.detach() : value;
      state[id] = packed;
    }
    return { state, paramGroups };
  }

  /**
   * Restores state and hyper-parameters from stateDict() output of an optimiser over parameters of the same shapes,
   * in the same group structure. Tensors are copied (converted to each parameter's dtype). Everything is checked
   * before anything changes.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    if (!isPlainObject(stateDict) || !Array.isArray(stateDict.paramGroups) || !isPlainObject(stateDict.state)) {
      throw new TypeError(`optimizer state dict must be an object with "state" and "paramGroups", got ${typeName(stateDict)}`);
    }
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      throw new RangeError(
        `loaded state dict has a different number of parameter groups (${this.paramGroups.length} in the optimizer, ${saved.length} in the state dict)`,
      );
    }
    const idToParam = new Map<number, Tensor>();
    const newGroups: ParamGroup<O>[] = [];
    this.paramGroups.forEach((group, g) => {
      const savedGroup = saved[g];
      if (!isPlainObject(savedGroup) || !Array.isArray(savedGroup.params) || savedGroup.params.length !== group.params.length) {
        const given = isPlainObject(savedGroup) && Array.isArray(savedGroup.params) ? String(savedGroup.params.length) : 'no parameter list';
        throw new RangeError(
          `loaded state dict contains a parameter group that doesn't match the size of optimizer's group (${group.params.length} parameters in the optimizer's group ${g}, ${given} in the state dict)`,
        );
      }
      savedGroup.params.forEach((id, i) => idToParam.set(id, group.params[i]));
      const { params: _ids, ...hyper } = savedGroup;
      const merged = { ...copyHyper(hyper), params: group.params } as ParamGroup<O>;
      this.validateGroup(merged);
      newGroups.push(merged);
    });
    const tensorNames = new Set(this.stateTensorNames());
    const checked: [Tensor, Record<string, unknown>][] = [];
    for (const [key, entry] of Object.entries(stateDict.state)) {
      const param = idToParam.get(Number(key));
      if (param === undefined) continue; // PyTorch keeps such entries aside; they never apply to a parameter
      if (!isPlainObject(entry)) throw new TypeError(`optimizer state for parameter ${key} must be an object`);
      for (const [name, value] of Object.entries(entry)) {
        if (name === 'step') {
          const step = value instanceof Tensor ? (value.numel() === 1 ? Number(value.item()) : NaN) : value;
          if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
            throw new RangeError(`optimizer state for parameter ${key}: step must be a non-negative integer, got ${String(value)}`);
          }
        } else if (tensorNames.has(name)) {
          if (!(value instanceof Tensor) || value.isDisposed) throw new TypeError(`optimizer state for parameter ${key}: ${name} must be a live Tensor`);
          if (!sameShape(value.shape, param.shape)) {
            throw new ShapeError(
              `optimizer state for parameter ${key}: ${name} has shape [${value.shape.join(', ')}], the parameter has shape [${param.shape.join(', ')}]`,
            );
          }
        } else {
          throw new RangeError(`optimizer state for parameter ${key}: unknown entry '${name}' (expected step or ${[...tensorNames].join(', ')})`);
        }
      }
      checked.push([param, entry]);
    }
    const newState = new Map<Tensor, ParamState>();
    for (const [param, entry] of checked) {
      const converted: ParamState = {};
      for (const [name, value] of Object.entries(entry)) {
        if (name === 'step') converted.step = value instanceof Tensor ? Number(value.item()) : (value as number);
        else converted[name] = ownedCopy(value as Tensor, param.dtype);
      }
      newState.set(param, converted);
    }
    this.disposeState();
    this.state = newState;
    this.paramGroups = newGroups;
  }

  /** Releases the state tensors (moments, momentum buffers); the next step starts from fresh state. */
  disposeState(): void {
    for (const entry of this.state.values()) for (const value of Object.values(entry)) if (value instanceof Tensor) value.dispose();
    this.state = new Map();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Tensor);
}

/** Hyper-parameters copied one level deep (betas arrays are not shared). */
function copyHyper(hyper: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(hyper)) out[k] = Array.isArray(v) ? v.slice() : v;
  return out;
}

function contiguousCopy(t: Tensor): Tensor {
  const out = Tensor._empty(t.shape.slice(), t.dtype);
  copyInto(t, out);
  return out;
}

/** A kept, contiguous copy of t in dtype. */
function ownedCopy(t: Tensor, dtype: DType): Tensor {
  return keep(t.dtype === dtype ? contiguousCopy(t) : cast(t, dtype));
}
