// Tensor factories: from data, constant fills, ranges, identity, and PyTorch-identical random tensors.
import { castInto } from '../backend/cast';
import { copyTensorInto } from '../backend/copy';
import { fillContiguous, fillWith, writeElements } from '../backend/fill';
import { fillRandint, fillRandom } from '../backend/random-fill';
import { registerZerosFactory } from '../autograd/node';
import { checkDType, DEFAULT_FLOAT, type DType } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { defaultGenerator } from '../random';
import { Tensor, type NestedArray } from '../tensor';
import { dtypeOr, parseSizeArgs, tensorOptions, type RandomOptions, type SizeArgs, type TensorOptions } from './args';

export type { TensorOptions, RandomOptions } from './args';

function finish(t: Tensor, options: TensorOptions): Tensor {
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** torch.empty: uninitialised memory. */
export function empty(...args: SizeArgs<TensorOptions>): Tensor {
  const { shape, options } = parseSizeArgs<TensorOptions>(args);
  tensorOptions('empty', options);
  return finish(Tensor._empty(shape, dtypeOr(options)), options);
}

/** PyTorch's refusal of a number that an int32 element cannot hold (NaN, infinities, beyond +-2^31). */
function checkInt32(value: number | boolean): void {
  if (typeof value === 'number' && !(value > -2147483649 && value < 2147483648)) {
    throw new RangeError(`value cannot be converted to type int32 without overflow (got ${value})`);
  }
}

export function full(size: readonly number[], fillValue: number | boolean, options: TensorOptions = {}): Tensor {
  tensorOptions('full', options);
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean') {
    throw new TypeError(`full(): argument 'fill_value' (position 2) must be Number, not ${typeof fillValue}`);
  }
  const { shape } = parseSizeArgs([size]);
  const dtype = options.dtype ?? (typeof fillValue === 'boolean' ? 'bool' : DEFAULT_FLOAT);
  if (dtype === 'int32') checkInt32(fillValue);
  const t = Tensor._empty(shape, checkDType(dtype));
  fillContiguous(t, fillValue);
  return finish(t, options);
}

export function zeros(...args: SizeArgs<TensorOptions>): Tensor {
  const { shape, options } = parseSizeArgs<TensorOptions>(args);
  tensorOptions('zeros', options);
  return full(shape, 0, { ...options, dtype: dtypeOr(options) });
}

export function ones(...args: SizeArgs<TensorOptions>): Tensor {
  const { shape, options } = parseSizeArgs<TensorOptions>(args);
  tensorOptions('ones', options);
  return full(shape, 1, { ...options, dtype: dtypeOr(options) });
}

export function emptyLike(t: Tensor, options: TensorOptions = {}): Tensor {
  tensorOptions('emptyLike', options);
  return empty(t.shape, { dtype: options.dtype ?? t.dtype, requiresGrad: options.requiresGrad });
}
export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  tensorOptions('zerosLike', options);
  return full(t.shape, 0, { dtype: options.dtype ?? t.dtype, requiresGrad: options.requiresGrad });
}
export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  tensorOptions('onesLike', options);
  return full(t.shape, 1, { dtype: options.dtype ?? t.dtype, requiresGrad: options.requiresGrad });
}
export function fullLike(t: Tensor, fillValue: number | boolean, options: TensorOptions = {}): Tensor {
  tensorOptions('fullLike', options);
  return full(t.shape, fillValue, { dtype: options.dtype ?? t.dtype, requiresGrad: options.requiresGrad });
}

registerZerosFactory((shape, dtype) => full(shape, 0, { dtype }));

type TypedInput = Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array;

/**
 * torch.tensor: copies nested arrays, a number/boolean (0-d) or a typed array (1-d) into a new tensor.
 * JavaScript has one number type, so numbers give float32 unless a dtype is given (torch.tensor([8., 3., 4.]));
 * booleans give bool; Float64Array gives float64 and Int32Array int32.
 */
export function tensor(data: NestedArray | TypedInput | Tensor, options: TensorOptions = {}): Tensor {
  tensorOptions('tensor', options);
  if (data instanceof Tensor) {
    throw new TypeError('tensor(data): data is already a Tensor; use t.clone().detach() (as PyTorch recommends) or t.to(dtype)');
  }
  let shape: number[];
  let flat: ArrayLike<number | boolean>;
  let inferred: DType;
  if (ArrayBuffer.isView(data)) {
    shape = [data.length];
    flat = data as TypedInput;
    inferred = data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int32' : DEFAULT_FLOAT;
    if (data instanceof Uint8Array && options.dtype === undefined) {
      throw new DTypeError('tensor(Uint8Array): give a dtype (wasmgrad has no uint8; use dtype: "bool" or "int32")');
    }
  } else {
    shape = inferShape(data);
    const values: (number | boolean)[] = [];
    flattenInto(data, shape, 0, values);
    flat = values;
    inferred = values.length > 0 && values.every((v) => typeof v === 'boolean') ? 'bool' : DEFAULT_FLOAT;
  }
  const dtype = dtypeOr(options, inferred);
  if (dtype === 'int32') for (let i = 0; i < flat.length; i++) checkInt32(flat[i]);
  const t = Tensor._empty(shape, dtype);
  writeElements(t, flat);
  return finish(t, options);
}

function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenInto(data: NestedArray, shape: number[], depth: number, out: (number | boolean)[]): void {
  if (depth === shape.length) {
    if (typeof data !== 'number' && typeof data !== 'boolean') {
      throw new ShapeError(`expected a number or boolean at depth ${depth}, got ${Array.isArray(data) ? 'an array' : typeof data}`);
    }
    out.push(data);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[depth]) {
    const got = Array.isArray(data) ? data.length : typeof data;
    throw new ShapeError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${got})`);
  }
  for (const item of data) flattenInto(item, shape, depth + 1, out);
}

/** torch.arange(end) / arange(start, end, step): int32 when every argument is an integer, else float32. */
export function arange(end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: TensorOptions): Tensor;
export function arange(...args: (number | TensorOptions | undefined)[]): Tensor {
  const options = tensorOptions('arange', (typeof args[args.length - 1] === 'object' ? args.pop() : {}) as TensorOptions);
  const nums = args.filter((a): a is number => typeof a === 'number');
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  const dtype = dtypeOr(options, nums.every(Number.isInteger) ? 'int32' : DEFAULT_FLOAT);
  if (dtype === 'bool') throw new DTypeError('arange: not implemented for bool');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`arange: unsupported range: ${start} -> ${end}`);
  // An integer result steps in integers: PyTorch truncates start and step to the integer type first (the length
  // still comes from the given numbers), so arange(0, 5, 1.5, int32) is [0, 1, 2, 3].
  const [first, stride] = dtype === 'int32' ? [Math.trunc(start), Math.trunc(step)] : [start, step];
  if (step === 0 || stride === 0) throw new RangeError('arange: step must be nonzero');
  if ((end - start) / step < 0) {
    throw new RangeError(`arange: upper bound and larger bound inconsistent with step sign (start=${start}, end=${end}, step=${step})`);
  }
  const n = Math.ceil((end - start) / step);
  const t = Tensor._empty([n], dtype);
  // PyTorch computes start + i * step in double and casts once.
  fillWith(t, (i) => first + i * stride);
  return finish(t, options);
}

/**
 * torch.linspace: PyTorch's CPU kernel steps from both ends (start + i*step for the first half, end - (n-1-i)*step
 * for the second) in the output precision, so the last value is exactly `end`.
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  tensorOptions('linspace', options);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: number of steps must be non-negative, got ${steps}`);
  const dtype = dtypeOr(options);
  const t = Tensor._empty([steps], dtype);
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  if (steps === 1) fillWith(t, () => start);
  else if (steps > 1) {
    const step = round(round(end - start) / (steps - 1));
    const halfway = Math.floor(steps / 2);
    fillWith(t, (i) => (i < halfway ? round(start + round(step * i)) : round(end - round(step * (steps - 1 - i)))));
  }
  return finish(t, options);
}

/** torch.eye(n, m?). */
export function eye(n: number, m: number | TensorOptions = n, options: TensorOptions = {}): Tensor {
  if (typeof m === 'object') {
    options = m;
    m = n;
  }
  tensorOptions('eye', options);
  const dtype = dtypeOr(options);
  const t = zeros([n, m], { dtype });
  const k = Math.min(n, m);
  if (k > 0) {
    // Ones copied into the diagonal view (stride m + 1 over the row-major matrix).
    const ones = full([k], 1, { dtype });
    const diagonal = t._view([k], [m + 1], 0);
    copyTensorInto(ones, diagonal);
    diagonal.dispose();
    ones.dispose();
  }
  return finish(t, options);
}

// ------------------------------------------------------------------ random factories

function randomFloat(args: readonly unknown[], kind: 'uniform' | 'normal', name: string): Tensor {
  const { shape, options } = parseSizeArgs<RandomOptions>(args);
  tensorOptions(name, options, true);
  const dtype = dtypeOr(options);
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(`${name}: expected a floating point dtype, got ${dtype}`);
  const t = Tensor._empty(shape, dtype);
  fillRandom(t, kind, 0, 1, options.generator);
  return finish(t, options);
}

/** torch.rand: uniform on [0, 1). */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  return randomFloat(args, 'uniform', 'rand');
}

/** torch.randn: standard normal. */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  return randomFloat(args, 'normal', 'randn');
}

export function randLike(t: Tensor, options: RandomOptions = {}): Tensor {
  tensorOptions('randLike', options, true);
  return rand(t.shape, { dtype: t.dtype, ...options });
}

export function randnLike(t: Tensor, options: RandomOptions = {}): Tensor {
  tensorOptions('randnLike', options, true);
  return randn(t.shape, { dtype: t.dtype, ...options });
}

/** torch.randint(high, size) or randint(low, high, size): int32 by default. */
export function randint(high: number, size: readonly number[], options?: RandomOptions): Tensor;
export function randint(low: number, high: number, size: readonly number[], options?: RandomOptions): Tensor;
export function randint(...args: unknown[]): Tensor {
  const options = tensorOptions(
    'randint',
    (args.length > 0 && typeof args[args.length - 1] === 'object' && !Array.isArray(args[args.length - 1]) ? args.pop() : {}) as RandomOptions,
    true,
  );
  const [low, high, size] = (args.length === 2 ? [0, args[0], args[1]] : args) as [number, number, number[]];
  if (!(high > low)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const { shape } = parseSizeArgs([size]);
  const dtype = dtypeOr(options, 'int32');
  const generator = options.generator ?? defaultGenerator;
  if (dtype !== 'bool') {
    const t = Tensor._empty(shape, dtype);
    fillRandint(t, low, high, generator);
    return finish(t, options);
  }
  // bool draws as the integers do (PyTorch's random_ casts each draw in [low, high) to bool); low and high must
  // lie in bool's range [0, 1] and [1, 2].
  if (low < 0 || low > 1) throw new RangeError(`from is out of bounds for bool, got from=${low}`);
  if (high > 2) throw new RangeError(`to - 1 is out of bounds for bool, got to=${high}`);
  const draws = Tensor._empty(shape, 'int32');
  fillRandint(draws, low, high, generator);
  const t = Tensor._empty(shape, 'bool');
  castInto(draws, t, null);
  draws.dispose();
  return finish(t, options);
}

/** torch.randperm(n): a random permutation of 0..n-1 (int32). */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  tensorOptions('randperm', options, true);
  const perm = (options.generator ?? defaultGenerator).randperm(n);
  const dtype = dtypeOr(options, 'int32');
  const t = Tensor._empty([n], dtype);
  writeElements(t, perm);
  return finish(t, options);
}
