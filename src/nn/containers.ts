// Module containers: Sequential, ModuleList and ModuleDict (torch/nn/modules/container.py).
// Children are properties named by their key ('0', '1', ... or the dict's keys), as in PyTorch, and each container
// keeps the key order itself: JavaScript would list integer-like property names first.
import { IndexError } from '../errors';
import { Module } from './module';
import { addIndent } from './repr';

/** A module whose children are an ordered list of keys. */
abstract class KeyedModules extends Module {
  /** @internal Child keys in order. */
  declare _keys: string[];

  constructor() {
    super();
    Object.defineProperty(this, '_keys', { value: [], enumerable: false, writable: true });
  }

  override _attributeNames(): string[] {
    const keys = new Set(this._keys);
    return [...Object.keys(this).filter((k) => !keys.has(k)), ...this._keys];
  }

  override addModule(name: string, module: Module | null): void {
    super.addModule(name, module);
    if (!this._keys.includes(name)) this._keys.push(name);
  }

  /** @internal The child under a key (null when the key holds no module). */
  _at(key: string): Module | null {
    const value = (this as unknown as Record<string, unknown>)[key];
    return value instanceof Module ? value : null;
  }

  /** @internal Removes every child, then adds `entries` in order. */
  _replaceAll(entries: [string, Module][]): void {
    for (const key of this._keys) delete (this as unknown as Record<string, unknown>)[key];
    this._keys = [];
    for (const [key, module] of entries) this.addModule(key, module);
  }

  /** @internal Index in [0, length) from a possibly negative index (PyTorch's message when out of range). */
  _index(idx: number): number {
    const n = this._keys.length;
    if (!Number.isInteger(idx) || idx < -n || idx >= n) throw new IndexError(`index ${idx} is out of range`);
    return idx < 0 ? idx + n : idx;
  }

  get length(): number {
    return this._keys.length;
  }
}

function sliceBounds(n: number, start = 0, end = n): [number, number] {
  const clamp = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
  return [clamp(start), clamp(end)];
}

/** Children used as a list (Sequential, ModuleList): indexed access, append, pop, iteration over the modules. */
abstract class IndexedModules extends KeyedModules implements Iterable<Module> {
  /** The child at an index (negative counts from the end). */
  get(idx: number): Module {
    return this._at(this._keys[this._index(idx)])!;
  }

  /** Replaces the child at an index. */
  set(idx: number, module: Module): void {
    this.addModule(this._keys[this._index(idx)], module);
  }

  /** Adds a child at the end under the key String(length). */
  append(module: Module): this {
    this.addModule(String(this._keys.length), module);
    return this;
  }

  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** Removes and returns the child at index (default the last); children are renumbered '0', '1', ... */
  pop(index = -1): Module {
    const i = this._index(index);
    const list = [...this];
    const [removed] = list.splice(i, 1);
    this._renumber(list);
    return removed;
  }

  /** @internal Replaces the children with `list`, under the keys '0', '1', ... */
  _renumber(list: Module[]): void {
    this._replaceAll(list.map((m, i) => [String(i), m]));
  }

  *[Symbol.iterator](): Iterator<Module> {
    for (const key of this._keys) {
      const m = this._at(key);
      if (m !== null) yield m;
    }
  }
}

/** Children in a row: forward() feeds each one's output to the next (torch.nn.Sequential). */
export class Sequential extends IndexedModules {
  static readonly moduleName = 'Sequential';

  /** new Sequential(m1, m2, ...) names the children '0', '1', ...; a Map or record names them by its keys. */
  constructor(...modules: Module[] | [Map<string, Module> | Record<string, Module>]) {
    super();
    const [first] = modules;
    if (modules.length === 1 && !(first instanceof Module)) {
      const entries = first instanceof Map ? [...first.entries()] : Object.entries(first as Record<string, Module>);
      for (const [key, module] of entries) this.addModule(key, module);
    } else {
      (modules as Module[]).forEach((m, i) => this.addModule(String(i), m));
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override forward(input: any): any {
    let x = input;
    for (const module of this) x = module.forward(x);
    return x;
  }

  /** A Sequential of the children in [start, end) under their keys (seq[start:end]). */
  slice(start?: number, end?: number): Sequential {
    const [a, b] = sliceBounds(this._keys.length, start, end);
    return new Sequential(new Map(this._keys.slice(a, b).map((k) => [k, this._at(k)!] as [string, Module])));
  }

  /** Inserts a child before index; children are renumbered '0', '1', ... */
  insert(index: number, module: Module): this {
    if (!(module instanceof Module)) throw new TypeError(`module should be of type: Module`);
    const n = this._keys.length;
    if (!Number.isInteger(index) || index < -n || index > n) throw new IndexError(`Index out of range: ${index}`);
    const list = [...this];
    list.splice(index < 0 ? index + n : index, 0, module);
    this._renumber(list);
    return this;
  }
}

/** A list of submodules, registered so that their parameters are seen (torch.nn.ModuleList). */
export class ModuleList extends IndexedModules {
  static readonly moduleName = 'ModuleList';

  constructor(modules: Iterable<Module> = []) {
    super();
    this.extend(modules);
  }

  /** A ModuleList of the children in [start, end), renumbered from 0 (list[start:end]). */
  slice(start?: number, end?: number): ModuleList {
    const [a, b] = sliceBounds(this._keys.length, start, end);
    return new ModuleList([...this].slice(a, b));
  }

  /** Inserts a child before index (clamped to [0, length], as list.insert); children are renumbered '0', '1', ... */
  insert(index: number, module: Module): this {
    const list = [...this];
    const n = list.length;
    const at = index < 0 ? Math.max(index + n, 0) : Math.min(index, n);
    list.splice(at, 0, module);
    this._renumber(list);
    return this;
  }

  /** PyTorch's ModuleList repr: runs of identical children print once as '(first-last): n x child'. */
  override _childLines(): string[] {
    const reprs = [...this].map((m) => m.toString());
    const lines: string[] = [];
    let start = 0;
    for (let i = 1; i <= reprs.length; i++) {
      if (i < reprs.length && reprs[i] === reprs[start]) continue;
      const body = i - 1 === start ? `(${start}): ${reprs[start]}` : `(${start}-${i - 1}): ${i - start} x ${reprs[start]}`;
      lines.push(addIndent(body, 2));
      start = i;
    }
    return lines;
  }

  override toString(): string {
    const lines = this._childLines();
    if (lines.length === 0) return `${this._getName()}()`;
    return `${this._getName()}(\n  ${lines.join('\n  ')}\n)`;
  }
}

/** Submodules by name, in insertion order (torch.nn.ModuleDict). Iterating yields the keys. */
export class ModuleDict extends KeyedModules implements Iterable<string> {
  static readonly moduleName = 'ModuleDict';

  constructor(modules?: Map<string, Module> | Record<string, Module> | Iterable<[string, Module]>) {
    super();
    if (modules !== undefined) this.update(modules);
  }

  get(key: string): Module {
    const m = this._keys.includes(key) ? this._at(key) : null;
    if (m === null) throw new RangeError(`'${key}'`);
    return m;
  }

  set(key: string, module: Module): void {
    this.addModule(key, module);
  }

  has(key: string): boolean {
    return this._keys.includes(key);
  }

  /** Removes the child under key and returns it. */
  pop(key: string): Module {
    const m = this.get(key);
    this._replaceAll(this.entries().filter(([k]) => k !== key));
    return m;
  }

  clear(): void {
    this._replaceAll([]);
  }

  keys(): string[] {
    return this._keys.slice();
  }

  values(): Module[] {
    return this._keys.map((k) => this._at(k)!);
  }

  entries(): [string, Module][] {
    return this._keys.map((k) => [k, this._at(k)!]);
  }

  /** Adds or replaces children from a Map, a record or [key, module] pairs. */
  update(modules: Map<string, Module> | Record<string, Module> | Iterable<[string, Module]>): void {
    const entries =
      modules instanceof Map ? [...modules.entries()] : Symbol.iterator in modules ? [...(modules as Iterable<[string, Module]>)] : Object.entries(modules);
    for (const [key, module] of entries) this.addModule(key, module);
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* this._keys;
  }
}
