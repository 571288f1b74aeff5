// View, indexing and joining ops (src/ops/views.ts, src/ops/indexing): reshapes and views, joins and splits,
// gather / scatter / index_select / index_add / take, masks, triangles and diagonals, flips and rolls, padding, and
// the function forms of the in-place variants (sumToSize has its entry with the reductions). Data movement compares
// exactly; the ops that add (index_add, scatter_add) compare as arithmetic.
import {
  AutogradError, DTypeError, DisposedError, IndexError, NotSupportedError, ShapeError, tensor, zeros,
  cat, chunk, clone, contiguous, detach, diag, diagEmbed, diagonal, expand, flatten, flip, fliplr, flipud, gather, hstack,
  indexAdd, indexAdd_, indexSelect, maskedSelect, narrow, nonzero, pad, permute, reshape, roll, scatter, scatterAdd,
  scatterAdd_, scatter_, select, split, squeeze, stack, t, take, tensorSplit, tile, transpose, tril, tril_,
  triu, triu_, unbind, unflatten, unsqueeze, view, vstack,
  type Tensor,
} from '../../../src/index';
import { SPECIAL, indexInput, inputOf, unarySamples } from '../samples';
import type { ErrorInput, InputSpec, OpEntry, OpResult, Sample } from '../types';
import { exported } from './define';

/** A sample's arguments, read by the entries' calls (JSON values: numbers, lists, strings, booleans). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Args = Record<string, any>;
/** An op's arguments after its first tensor, from the sample's tensors and arguments. */
type Rest = (t: Tensor[], k: Args) => unknown[];

const f32 = (shape: readonly number[], values?: readonly number[]): InputSpec => inputOf(shape, 'float32', values);
const f64 = (shape: readonly number[], values?: readonly number[]): InputSpec => inputOf(shape, 'float64', values);
const i32 = (shape: readonly number[], values?: readonly number[]): InputSpec => inputOf(shape, 'int32', values);
const b8 = (shape: readonly number[], values?: readonly number[]): InputSpec => inputOf(shape, 'bool', values);
const ix = indexInput;
const s = (inputs: InputSpec[], args: Args = {}, label?: string): Sample => (label === undefined ? { inputs, args } : { inputs, args, label });

/** A dim argument as the sample gives it: a number, or (args.asOptions) inside an options object `{ dim }`. */
const dimOf = (k: Args): unknown => (k.asOptions === true ? { dim: k.dim } : k.dim);

function methodCall(self: Tensor, name: string, args: unknown[]): OpResult {
  const m = (self as unknown as Record<string, (...a: unknown[]) => OpResult>)[name];
  if (typeof m !== 'function') throw new Error(`Tensor has no method ${name}`);
  return m.apply(self, args);
}

interface EntryOptions {
  /** PyTorch's call: a lambda of the inputs `t` and the arguments `k`. */
  torch: string;
  samples: Sample[];
  /** Differentiable w.r.t. its float inputs (default true), and to second order (default: as grad). */
  grad?: boolean;
  gradgrad?: boolean;
  /** Default 'exact': the op moves data. */
  tolerance?: OpEntry['tolerance'];
  errors?: ErrorInput[];
  /** The Tensor method `x.name(...)` (default true). */
  method?: boolean;
  /** The in-place method `x.name_(...)`, checked against the function. */
  inplace?: boolean;
}

/** The fields every entry here shares. */
function entryOf(name: string, call: OpEntry['call'], o: EntryOptions): OpEntry {
  const grad = o.grad ?? true;
  return {
    name, call, torch: o.torch, samples: o.samples, grad, gradgrad: o.gradgrad ?? grad, tolerance: o.tolerance ?? 'exact',
    ...(o.errors ? { errors: o.errors } : {}),
  };
}

/** An op of one tensor and further arguments, `name(t[0], ...rest(t, k))`, with its method `t[0].name(...)`. */
function tensorEntry(name: string, rest: Rest, o: EntryOptions): OpEntry {
  const fn = exported(name);
  return {
    ...entryOf(name, (t, k) => fn(t[0], ...rest(t, k)), o),
    ...(o.method === false ? {} : { method: (t: Tensor[], k: Args) => methodCall(t[0]!, name, rest(t, k)) }),
    ...(o.inplace ? { inplace: (t: Tensor[], k: Args) => methodCall(t[0]!, `${name}_`, rest(t, k)) as Tensor } : {}),
  };
}

/** An op of a list of tensors (cat, stack ...): `name(t, ...rest(k))`; function only. */
function listEntry(name: string, rest: (k: Args) => unknown[], o: EntryOptions): OpEntry {
  const fn = exported(name);
  return entryOf(name, (t, k) => fn(t, ...rest(k)), o);
}

/**
 * The target of a function-form in-place op: a copy of the first input (an input that requires grad is a leaf,
 * which neither PyTorch nor wasmgrad writes in place), laid out transposed when the sample asks (args.target).
 */
function targetOf(x: Tensor, k: Args): Tensor {
  return k.target === 'transposed' ? x.transpose(-1, -2).contiguous().transpose(-1, -2) : x.clone();
}
const TORCH_TARGET = "(t[0].transpose(-1, -2).contiguous().transpose(-1, -2) if k.get('target') == 'transposed' else t[0].clone())";

/** A function-form in-place op `name_(target, ...rest)`: it must return its target; the method `target.name_(...)`. */
function inPlaceEntry(name: string, rest: Rest, o: EntryOptions): OpEntry {
  const fn = exported(name);
  const run = (target: Tensor, result: OpResult): OpResult => {
    if (result !== target) throw new Error(`${name} returned a new tensor instead of its target`);
    return result;
  };
  return {
    ...entryOf(name, (t, k) => {
      const target = targetOf(t[0]!, k);
      return run(target, fn(target, ...rest(t, k)));
    }, o),
    method: (t, k) => {
      const target = targetOf(t[0]!, k);
      return run(target, methodCall(target, name, rest(t, k)));
    },
  };
}

/**
 * The tolerance of ops that copy some elements to several places (expand, tile, the padding modes that repeat edge
 * elements): the forward is exact data movement, the gradient adds the copies' gradients up, a sum whose float32
 * rounding depends on its order.
 */
const GRADIENT_SUMS = 'sum';

const disposed = (): Tensor => {
  const x = zeros([2, 3]);
  x.dispose();
  return x;
};
const disposedInput = (op: (x: Tensor) => unknown): ErrorInput => ({ label: 'a disposed tensor', call: () => op(disposed()), error: DisposedError, message: 'used after dispose()' });
const dimOutOfRange = (call: () => unknown, got: number): ErrorInput => ({ label: `dim ${got} out of range`, call, error: IndexError, message: `but got ${got}` });
const unknownKey = (call: () => unknown, key: string): ErrorInput => ({ label: `unknown option key ${key}`, call, error: TypeError, message: `unexpected keyword argument '${key}'` });
const m34 = (): Tensor => zeros([3, 4]);
const idx = (values: number[]): Tensor => tensor(values, { dtype: 'int32' });

// ------------------------------------------------------------------ reshapes and views

const reshapes: OpEntry[] = [
  tensorEntry('view', (_, k) => (k.varargs ? k.shape : [k.shape]), {
    torch: "lambda t, k: t[0].view(k['shape'])",
    // Every sample is a view of the transposed and strided layouts too: a view of a transposed tensor cannot merge its
    // last two dims, which an error input checks.
    samples: [
      s([f32([12])], { shape: [3, 4] }), s([f32([12])], { shape: [2, -1, 3] }), s([f32([3, 4])], { shape: [3, 2, 2] }),
      s([f32([3, 4])], { shape: [1, 3, 4, 1] }), s([f32([3, 4, 1])], { shape: [12] }), s([f32([3, 4, 1])], { shape: [3, 4] }),
      s([f32([])], { shape: [1] }), s([f32([])], { shape: [] }), s([f32([1])], { shape: [] }), s([f32([0, 3])], { shape: [3, 0] }),
      s([f32([129])], { shape: [3, 43] }), s([f32([2, 3, 4])], { shape: [2, 3, 2, 2] }), s([i32([6])], { shape: [2, 3] }),
      s([b8([4])], { shape: [2, 2] }), s([f64([6])], { shape: [2, 3] }), s([f64([2, 3])], { shape: [2, 3, 1] }),
      s([f32([12])], { shape: [4, 3], varargs: true }),
      s([f32([2, 3])], { shape: [4] }, 'a size that does not fit'),
    ],
    errors: [
      { label: 'merging the dims of a transposed tensor', call: () => view(m34().t(), [12]), error: ShapeError, message: 'view size is not compatible' },
      { label: 'a shape of another size', call: () => view(m34(), [5, 2]), error: ShapeError, message: "shape '[5, 2]' is invalid for input of size 12" },
      { label: 'two inferred dims', call: () => view(m34(), [-1, -1]), error: ShapeError, message: 'only one dimension can be inferred' },
      { label: 'a non-integer size', call: () => view(m34(), [2.5, 4]), error: ShapeError, message: 'invalid shape dimension 2.5' },
    ],
  }),
  tensorEntry('reshape', (_, k) => (k.varargs ? k.shape : [k.shape]), {
    torch: "lambda t, k: t[0].reshape(k['shape'])",
    samples: [
      s([f32([3, 4])], { shape: [2, 6] }), s([f32([3, 4])], { shape: [-1] }), s([f32([2, 3, 4])], { shape: [4, -1, 3] }),
      s([f32([2, 3, 4])], { shape: [6, 4] }), s([f32([])], { shape: [1] }), s([f32([1])], { shape: [] }),
      s([f32([0, 3])], { shape: [3, 0] }), s([f32([0, 3])], { shape: [-1, 5] }), s([f32([129])], { shape: [3, 43] }),
      s([f32([17, 9])], { shape: [9, 17] }), s([i32([3, 4])], { shape: [4, 3] }), s([b8([2, 3])], { shape: [6] }),
      s([f64([2, 3])], { shape: [3, 2] }), s([f64([2, 3, 2])], { shape: [-1] }), s([f64([4])], { shape: [2, 1, 2] }),
      s([f32([3, 4])], { shape: [4, 3], varargs: true }),
      s([f32([0, 3])], { shape: [-1, 0] }, 'an ambiguous inferred size of an empty tensor'),
    ],
    errors: [
      { label: 'a shape of another size', call: () => reshape(m34(), [5, 2]), error: ShapeError, message: "shape '[5, 2]' is invalid for input of size 12" },
      { label: 'two inferred dims', call: () => reshape(m34(), [-1, 2, -1]), error: ShapeError, message: 'only one dimension can be inferred' },
      { label: 'a non-integer size', call: () => reshape(m34(), [2.5, 4]), error: ShapeError, message: 'invalid shape dimension 2.5' },
      { label: 'a negative size', call: () => reshape(m34(), [-2, -6]), error: ShapeError, message: 'invalid shape dimension -2' },
    ],
  }),
  tensorEntry('permute', (_, k) => (k.varargs ? k.dims : [k.dims]), {
    torch: "lambda t, k: t[0].permute(k['dims'])",
    samples: [
      s([f32([2, 3, 4])], { dims: [2, 0, 1] }), s([f32([2, 3, 4])], { dims: [-1, 0, 1] }), s([f32([3, 4])], { dims: [1, 0] }),
      s([f32([])], { dims: [] }), s([f32([0, 3])], { dims: [1, 0] }), s([f32([2, 3, 4, 5])], { dims: [3, 1, 0, 2] }),
      s([f32([129])], { dims: [0] }), s([i32([3, 4])], { dims: [1, 0] }), s([b8([2, 3])], { dims: [-1, -2] }),
      s([f64([2, 3, 4])], { dims: [1, 2, 0] }), s([f64([3, 2])], { dims: [-1, -2] }), s([f32([2, 3, 4])], { dims: [0, 2, 1], varargs: true }),
    ],
    errors: [
      { label: 'a repeated dim', call: () => permute(m34(), [0, 0]), error: ShapeError, message: 'duplicate dims' },
      { label: 'too few dims', call: () => permute(zeros([2, 3, 4]), [0, 1]), error: ShapeError, message: 'input.dim() = 3 is not equal to len(dims) = 2' },
      dimOutOfRange(() => permute(m34(), [0, 2]), 2),
      { label: 'a non-integer dim', call: () => permute(m34(), [0.5, 1]), error: IndexError, message: 'but got 0.5' },
    ],
  }),
  tensorEntry('transpose', (_, k) => [k.dim0, k.dim1], {
    torch: "lambda t, k: torch.transpose(t[0], k['dim0'], k['dim1'])",
    samples: [
      s([f32([3, 4])], { dim0: 0, dim1: 1 }), s([f32([2, 3, 4])], { dim0: 0, dim1: 2 }), s([f32([2, 3, 4])], { dim0: -1, dim1: -2 }),
      s([f32([3, 4])], { dim0: 1, dim1: 1 }), s([f32([])], { dim0: 0, dim1: 0 }), s([f32([])], { dim0: -1, dim1: 0 }),
      s([f32([5])], { dim0: 0, dim1: -1 }), s([f32([0, 3])], { dim0: 0, dim1: 1 }), s([f32([129, 2])], { dim0: 1, dim1: 0 }),
      s([i32([3, 4])], { dim0: 0, dim1: 1 }), s([b8([2, 3])], { dim0: 1, dim1: 0 }), s([f64([2, 3])], { dim0: 0, dim1: 1 }),
      s([f64([2, 3, 4])], { dim0: 0, dim1: -1 }),
    ],
    errors: [dimOutOfRange(() => transpose(m34(), 0, 2), 2), dimOutOfRange(() => transpose(zeros([]), 0, 1), 1)],
  }),
  tensorEntry('t', () => [], {
    torch: 'lambda t, k: torch.t(t[0])',
    samples: [
      s([f32([3, 4])]), s([f32([5])]), s([f32([])]), s([f32([0, 3])]), s([f32([1, 129])]), s([i32([3, 4])]), s([b8([2, 3])]),
      s([f64([2, 3])]), s([f64([4])]), s([f32([2, 3, 4])], {}, 'a 3-d tensor'),
    ],
    errors: [{ label: 'a 3-d tensor', call: () => t(zeros([2, 3, 4])), error: ShapeError, message: 't() expects a tensor with <= 2 dimensions, but self is 3D' }],
  }),
  tensorEntry('expand', (_, k) => (k.varargs ? k.size : [k.size]), {
    torch: "lambda t, k: t[0].expand(*k['size'])",
    tolerance: GRADIENT_SUMS,
    samples: [
      s([f32([3, 1])], { size: [3, 4] }), s([f32([1])], { size: [5] }), s([f32([])], { size: [2, 3] }), s([f32([3])], { size: [2, 3] }),
      s([f32([2, 1, 3])], { size: [-1, 4, -1] }), s([f32([1, 3])], { size: [0, 3] }), s([f32([3, 1])], { size: [2, 3, 4] }),
      s([f32([129, 1])], { size: [129, 3] }), s([i32([2, 1])], { size: [2, 3] }), s([b8([1])], { size: [4] }),
      s([f64([3, 1])], { size: [2, 3, 4] }), s([f64([2])], { size: [3, 2] }), s([f64([])], { size: [3] }),
      s([f32([3, 1])], { size: [3, 4], varargs: true }), s([f32([3, 2])], { size: [3, 4] }, 'a non-singleton size that differs'),
    ],
    errors: [
      { label: 'fewer sizes than dims', call: () => expand(m34(), [4]), error: ShapeError, message: 'the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)' },
      { label: 'a non-singleton size that differs', call: () => expand(zeros([3, 2]), [3, 4]), error: ShapeError, message: 'The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 1' },
      { label: '-1 in a new leading dim', call: () => expand(zeros([3]), [-1, 3]), error: ShapeError, message: "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0" },
      { label: 'a non-integer size', call: () => expand(zeros([3, 1]), [3, 2.5]), error: ShapeError, message: 'sizes must be non-negative integers, or -1 to keep a dim; got 2.5 at dimension 1' },
      { label: 'a negative size other than -1', call: () => expand(zeros([3, 1]), [3, -2]), error: ShapeError, message: 'got -2 at dimension 1' },
    ],
  }),
  tensorEntry('unsqueeze', (_, k) => [k.dim], {
    torch: "lambda t, k: torch.unsqueeze(t[0], k['dim'])",
    samples: [
      s([f32([3, 4])], { dim: 0 }), s([f32([3, 4])], { dim: 2 }), s([f32([3, 4])], { dim: -1 }), s([f32([3, 4])], { dim: -3 }),
      s([f32([])], { dim: 0 }), s([f32([])], { dim: -1 }), s([f32([0])], { dim: 1 }), s([f32([129])], { dim: 1 }),
      s([i32([3, 4])], { dim: 1 }), s([b8([2, 3])], { dim: 0 }), s([f64([2, 3])], { dim: 1 }), s([f64([4])], { dim: -1 }),
    ],
    errors: [dimOutOfRange(() => unsqueeze(m34(), 3), 3), dimOutOfRange(() => unsqueeze(m34(), -4), -4)],
  }),
  tensorEntry('squeeze', (_, k) => ('dim' in k ? [k.dim] : []), {
    // PyTorch 1.13 squeezes one dim at a time: a list of dims is the reshape that drops those of size 1.
    torch:
      "lambda t, k: (t[0].reshape([n for i, n in enumerate(t[0].shape) if not (n == 1 and i in [d % max(t[0].dim(), 1) for d in k['dim']])]) if isinstance(k.get('dim'), list) else torch.squeeze(t[0], k['dim']) if 'dim' in k else torch.squeeze(t[0]))",
    samples: [
      s([f32([1, 3, 1])]), s([f32([1, 3, 1])], { dim: 0 }), s([f32([1, 3, 1])], { dim: -1 }), s([f32([1, 3, 1])], { dim: 1 }),
      s([f32([1])]), s([f32([])]), s([f32([])], { dim: 0 }), s([f32([])], { dim: -1 }), s([f32([3, 1, 4])], { dim: 1 }),
      s([f32([1, 1, 1])], { dim: [0, 2] }), s([f32([2, 1, 3, 1])], { dim: [-1, 1, 0] }), s([f32([0, 1])], { dim: 1 }),
      s([f32([129, 1])]), s([i32([3, 1])], { dim: 1 }), s([b8([1, 2])]), s([f64([2, 1, 3])]), s([f64([1, 4, 1])], { dim: [0, 2] }),
    ],
    errors: [
      dimOutOfRange(() => squeeze(m34(), 2), 2), dimOutOfRange(() => squeeze(zeros([1, 3]), [0, -3]), -3),
      { label: 'a non-integer dim', call: () => squeeze(zeros([1, 3]), 0.5), error: IndexError, message: 'but got 0.5' },
    ],
  }),
  tensorEntry('flatten', (_, k) => [k.start, k.end], {
    torch: "lambda t, k: torch.flatten(t[0], k.get('start', 0), k.get('end', -1))",
    samples: [
      s([f32([2, 3, 4])]), s([f32([2, 3, 4])], { start: 1, end: 2 }), s([f32([2, 3, 4])], { start: 0, end: 1 }),
      s([f32([2, 3, 4])], { start: -2, end: -1 }), s([f32([])]), s([f32([5])]), s([f32([0, 3])]), s([f32([3, 4])], { start: 1, end: 1 }),
      s([f32([2, 1, 3, 1])], { start: 1, end: -1 }), s([i32([3, 4])]), s([b8([2, 2])]), s([f64([2, 3, 2])]), s([f64([2, 3])], { start: 0, end: 0 }),
    ],
    errors: [
      { label: 'start after end', call: () => flatten(zeros([2, 3, 4]), 2, 1), error: ShapeError, message: 'start_dim cannot come after end_dim' },
      dimOutOfRange(() => flatten(m34(), 0, 2), 2),
    ],
  }),
  tensorEntry('unflatten', (_, k) => [k.dim, k.sizes], {
    torch: "lambda t, k: t[0].unflatten(k['dim'], k['sizes'])",
    samples: [
      s([f32([2, 12])], { dim: 1, sizes: [3, 4] }), s([f32([2, 12])], { dim: 1, sizes: [-1, 2] }), s([f32([2, 12])], { dim: -1, sizes: [2, 2, 3] }),
      s([f32([6])], { dim: 0, sizes: [2, 3] }), s([f32([6])], { dim: 0, sizes: [6] }), s([f32([0])], { dim: 0, sizes: [-1, 5] }),
      s([f32([4, 3])], { dim: 0, sizes: [1, 4, 1] }), s([f32([129])], { dim: 0, sizes: [3, 43] }), s([i32([6, 2])], { dim: 0, sizes: [3, 2] }),
      s([f64([2, 6])], { dim: 1, sizes: [2, 3] }), s([f64([6, 2])], { dim: 0, sizes: [3, -1] }),
    ],
    errors: [
      { label: 'sizes of another product', call: () => unflatten(m34(), 1, [3, 2]), error: ShapeError, message: "shape '[3, 2]' is invalid for input of size 4" },
      { label: 'two inferred sizes', call: () => unflatten(m34(), 1, [-1, -1]), error: ShapeError, message: 'only one dimension can be inferred' },
      { label: 'a non-integer size', call: () => unflatten(m34(), 1, [2.5, -1]), error: ShapeError, message: 'invalid shape dimension 2.5' },
      dimOutOfRange(() => unflatten(m34(), 2, [2, 2]), 2),
    ],
  }),
  tensorEntry('narrow', (_, k) => [k.dim, k.start, k.length], {
    torch: "lambda t, k: torch.narrow(t[0], k['dim'], k['start'], k['length'])",
    samples: [
      s([f32([5, 3])], { dim: 0, start: 1, length: 3 }), s([f32([5, 3])], { dim: 1, start: -2, length: 2 }),
      s([f32([5, 3])], { dim: 0, start: 5, length: 0 }), s([f32([5, 3])], { dim: -1, start: 0, length: 3 }),
      s([f32([129])], { dim: 0, start: 3, length: 120 }), s([f32([2, 3, 4])], { dim: 2, start: 1, length: 2 }),
      s([i32([4, 3])], { dim: 0, start: 2, length: 2 }), s([b8([4])], { dim: 0, start: 1, length: 2 }),
      s([f64([4, 3])], { dim: 0, start: 1, length: 2 }), s([f64([2, 5])], { dim: 1, start: -3, length: 3 }),
    ],
    errors: [
      { label: 'a range past the end', call: () => narrow(zeros([5, 3]), 0, 3, 3), error: IndexError, message: 'start (3) + length (3) exceeds dimension size (5)' },
      { label: 'a negative length', call: () => narrow(zeros([5, 3]), 0, 1, -1), error: IndexError, message: 'length (-1)' },
      { label: 'a non-integer start', call: () => narrow(zeros([5, 3]), 0, 1.5, 2), error: TypeError, message: 'start=1.5' },
      dimOutOfRange(() => narrow(zeros([5, 3]), 2, 0, 1), 2),
    ],
  }),
  tensorEntry('select', (_, k) => [k.dim, k.index], {
    torch: "lambda t, k: torch.select(t[0], k['dim'], k['index'])",
    samples: [
      s([f32([3, 4])], { dim: 0, index: 1 }), s([f32([3, 4])], { dim: 1, index: -1 }), s([f32([3, 4])], { dim: -1, index: 2 }),
      s([f32([5])], { dim: 0, index: 4 }), s([f32([2, 3, 4])], { dim: 1, index: 2 }), s([f32([129])], { dim: 0, index: 128 }),
      s([f32([1, 3])], { dim: 0, index: 0 }), s([i32([3, 4])], { dim: 1, index: 0 }), s([b8([2, 3])], { dim: 0, index: -2 }),
      s([f64([3, 4])], { dim: 0, index: 2 }), s([f64([2, 3])], { dim: -1, index: -3 }),
    ],
    errors: [
      { label: 'a 0-d tensor', call: () => zeros([]).select(0, 0), error: IndexError, message: 'select() cannot be applied to a 0-dim tensor' },
      { label: 'an index out of range', call: () => select(m34(), 1, 4), error: IndexError, message: 'index 4 is out of bounds for dimension 1 with size 4' },
      { label: 'a negative index out of range', call: () => select(m34(), 0, -4), error: IndexError, message: 'index -4 is out of bounds for dimension 0 with size 3' },
      { label: 'a non-integer index', call: () => select(m34(), 0, 1.5), error: IndexError, message: 'index 1.5' },
      dimOutOfRange(() => select(m34(), 2, 0), 2),
    ],
  }),
  tensorEntry('diagonal', (_, k) => [k.offset, k.dim1, k.dim2], {
    torch: "lambda t, k: torch.diagonal(t[0], k.get('offset', 0), k.get('dim1', 0), k.get('dim2', 1))",
    samples: [
      s([f32([3, 4])]), s([f32([4, 3])], { offset: 1 }), s([f32([3, 4])], { offset: -2 }), s([f32([3, 4])], { offset: 4 }),
      s([f32([3, 4])], { offset: -5 }), s([f32([2, 3, 4])], { offset: 0, dim1: 1, dim2: 2 }), s([f32([2, 3, 4])], { offset: 0, dim1: -1, dim2: 0 }),
      s([f32([2, 3, 4])], { offset: 1, dim1: 2, dim2: 0 }), s([f32([0, 3])]), s([f32([129, 3])], { offset: -1 }), s([i32([3, 3])]),
      s([b8([2, 3])], { offset: 1 }), s([f64([3, 3])]), s([f64([2, 3, 4])], { offset: -1, dim1: 0, dim2: 2 }),
    ],
    errors: [
      dimOutOfRange(() => diagonal(zeros([4])), 1),
      { label: 'the same dim twice', call: () => diagonal(m34(), 0, 1, -1), error: ShapeError, message: 'diagonal dimensions cannot be identical 1, -1' },
      { label: 'a non-integer offset', call: () => diagonal(m34(), 0.5), error: ShapeError, message: 'offset must be an integer, got 0.5' },
    ],
  }),
  tensorEntry('contiguous', () => [], {
    torch: 'lambda t, k: t[0].contiguous()',
    samples: unarySamples({ integer: true, special: SPECIAL }),
    errors: [disposedInput(contiguous)],
  }),
  tensorEntry('clone', () => [], {
    torch: 'lambda t, k: t[0].clone()',
    samples: unarySamples({ integer: true, special: SPECIAL }),
    errors: [disposedInput(clone)],
  }),
  // detach gives a tensor outside the graph, so it has no gradient to compare (PyTorch's is None as well).
  tensorEntry('detach', () => [], {
    torch: 'lambda t, k: t[0].detach()',
    samples: unarySamples({ integer: true, special: SPECIAL }),
    grad: false,
    errors: [disposedInput(detach)],
  }),
];

// ------------------------------------------------------------------ joins and splits

const joinErrors = (op: (ts: Tensor[], ...rest: never[]) => unknown, name: string): ErrorInput[] => [
  { label: 'no tensors', call: () => op([]), error: ShapeError, message: 'non-empty' },
  unknownKey(() => op([m34(), m34()], { axis: 1 } as never), 'axis'),
  { label: `${name}: a dim option out of range`, call: () => op([m34(), m34()], { dim: 5 } as never), error: IndexError, message: 'but got 5' },
];

const joins: OpEntry[] = [
  listEntry('cat', (k) => [dimOf(k)], {
    torch: "lambda t, k: torch.cat(t, k.get('dim', 0))",
    samples: [
      s([f32([2, 3]), f32([4, 3])], { dim: 0 }), s([f32([2, 3]), f32([2, 5])], { dim: 1 }), s([f32([2, 3]), f32([2, 5])], { dim: -1 }),
      s([f32([2, 3, 4]), f32([2, 1, 4]), f32([2, 5, 4])], { dim: 1 }), s([f32([0, 3]), f32([2, 3])], { dim: 0 }),
      s([f32([0]), f32([2, 3])], { dim: 1 }, 'a skipped 1-d empty tensor'), s([f32([0]), f32([0])]), s([f32([3, 4])]),
      s([f32([129]), f32([7])]), s([f32([2, 3]), f64([2, 3])]), s([i32([2, 3]), f32([1, 3])]), s([b8([2, 3]), i32([2, 3])], { dim: 1 }),
      s([b8([3]), b8([2])]), s([f64([2, 3]), f64([1, 3])]), s([f64([2, 2]), f64([2, 3])], { dim: 1 }),
      s([f64([3]), f32([2]), f64([1])]), s([f32([3, 2]), f32([3, 2])], { dim: 1, asOptions: true }),
      s([f32([]), f32([])], {}, 'two 0-d tensors'), s([f32([2, 3]), f32([2, 4])], { dim: 0 }, 'sizes that differ off the dim'),
      s([f32([2, 3]), f32([2, 3, 1])], {}, 'tensors of different ranks'),
    ],
    errors: [
      ...joinErrors(cat, 'cat'),
      { label: 'sizes that differ off the dim', call: () => cat([zeros([2, 3]), zeros([2, 4])], 0), error: ShapeError, message: 'Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1' },
      { label: 'a 0-d tensor', call: () => cat([zeros([]), zeros([])]), error: ShapeError, message: 'zero-dimensional tensor (at position 0) cannot be concatenated' },
      dimOutOfRange(() => cat([m34(), m34()], 2), 2),
    ],
  }),
  listEntry('stack', (k) => [dimOf(k)], {
    torch: "lambda t, k: torch.stack(t, k.get('dim', 0))",
    samples: [
      s([f32([3, 4]), f32([3, 4])]), s([f32([3, 4]), f32([3, 4])], { dim: 1 }), s([f32([3, 4]), f32([3, 4])], { dim: 2 }),
      s([f32([3, 4]), f32([3, 4]), f32([3, 4])], { dim: -1 }), s([f32([]), f32([]), f32([])]), s([f32([0, 3]), f32([0, 3])], { dim: 1 }),
      s([f32([129]), f32([129])], { dim: 1 }), s([f32([2, 3]), f64([2, 3])]), s([i32([4]), b8([4])]), s([f64([2, 3]), f64([2, 3])], { dim: 1 }),
      s([f64([4]), f64([4]), f64([4])], { dim: -1 }), s([f32([2, 2]), f32([2, 2])], { dim: -3, asOptions: true }),
      s([f32([2, 3]), f32([3, 2])], {}, 'shapes that differ'),
    ],
    errors: [
      ...joinErrors(stack, 'stack'),
      { label: 'shapes that differ', call: () => stack([zeros([2, 3]), zeros([3, 2])]), error: ShapeError, message: 'stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1' },
      dimOutOfRange(() => stack([m34(), m34()], 3), 3),
    ],
  }),
  listEntry('hstack', () => [], {
    torch: 'lambda t, k: torch.hstack(t)',
    samples: [
      s([f32([3]), f32([2])]), s([f32([2, 3]), f32([2, 1])]), s([f32([]), f32([])]), s([f32([]), f32([3])]),
      s([f32([2, 3, 1]), f32([2, 1, 1])]), s([f32([129]), f32([0])]), s([f32([2, 3]), f64([2, 2])]), s([i32([2]), b8([3])]),
      s([f64([2, 2]), f64([2, 1])]), s([f64([3]), f64([])]), s([f32([2, 3]), f32([3, 3])], {}, 'rows that differ'),
    ],
    errors: [
      { label: 'no tensors', call: () => hstack([]), error: ShapeError, message: 'non-empty' },
      { label: 'rows that differ', call: () => hstack([zeros([2, 3]), zeros([3, 3])]), error: ShapeError, message: 'Sizes of tensors must match except in dimension 1' },
    ],
  }),
  listEntry('vstack', () => [], {
    torch: 'lambda t, k: torch.vstack(t)',
    samples: [
      s([f32([3]), f32([3])]), s([f32([2, 3]), f32([1, 3])]), s([f32([]), f32([])]), s([f32([2, 3, 2]), f32([1, 3, 2])]),
      s([f32([129]), f32([129])]), s([i32([2, 3]), f32([3])]), s([b8([2]), b8([1, 2])]), s([f64([3]), f64([2, 3])]),
      s([f64([]), f64([1, 1])]), s([f32([3]), f32([4])], {}, 'lengths that differ'),
    ],
    errors: [
      { label: 'no tensors', call: () => vstack([]), error: ShapeError, message: 'non-empty' },
      { label: 'lengths that differ', call: () => vstack([zeros([3]), zeros([4])]), error: ShapeError, message: 'Sizes of tensors must match except in dimension 0' },
    ],
  }),
  tensorEntry('split', (_, k) => [k.split, dimOf(k)], {
    torch: "lambda t, k: torch.split(t[0], k['split'], k.get('dim', 0))",
    samples: [
      s([f32([7])], { split: 3 }), s([f32([6, 4])], { split: [1, 2, 3] }), s([f32([4, 6])], { split: 2, dim: -1 }),
      s([f32([5, 2])], { split: [0, 5] }), s([f32([0, 3])], { split: 2 }), s([f32([4, 3])], { split: [0, 0, 4] }), s([f32([3])], { split: 5 }),
      s([f32([129])], { split: 64 }), s([i32([6])], { split: [2, 4] }), s([b8([4, 2])], { split: 1, dim: 1 }),
      s([f64([5, 2])], { split: 2 }), s([f64([2, 4])], { split: [1, 3], dim: 1 }), s([f32([3, 4])], { split: 3, dim: 1, asOptions: true }),
      s([f32([3, 4])], { split: [1, 1] }, 'sizes that do not add up'),
    ],
    errors: [
      { label: 'sizes that do not add up', call: () => split(m34(), [1, 1]), error: ShapeError, message: 'split_with_sizes expects split_sizes to sum exactly to 3' },
      { label: 'a negative size', call: () => split(m34(), [4, -1]), error: ShapeError, message: 'split_sizes=[4, -1]' },
      { label: 'a non-integer split size', call: () => split(m34(), 1.5), error: ShapeError, message: 'split_size=1.5' },
      { label: 'a 0-d tensor', call: () => split(zeros([]), 1), error: ShapeError, message: 'split expects at least a 1-dimensional tensor' },
      unknownKey(() => split(m34(), 2, { axis: 1 } as never), 'axis'),
      dimOutOfRange(() => split(m34(), 2, 2), 2),
    ],
  }),
  tensorEntry('chunk', (_, k) => [k.chunks, dimOf(k)], {
    torch: "lambda t, k: torch.chunk(t[0], k['chunks'], k.get('dim', 0))",
    samples: [
      s([f32([7])], { chunks: 3 }), s([f32([6, 4])], { chunks: 2, dim: 1 }), s([f32([5, 3])], { chunks: 4 }), s([f32([4, 6])], { chunks: 4, dim: -1 }),
      s([f32([0, 3])], { chunks: 2 }), s([f32([3])], { chunks: 5 }), s([f32([129])], { chunks: 2 }), s([i32([6])], { chunks: 2 }),
      s([b8([4])], { chunks: 3 }), s([f64([5, 2])], { chunks: 2 }), s([f64([2, 4])], { chunks: 3, dim: 1 }),
      s([f32([3, 4])], { chunks: 2, dim: 1, asOptions: true }),
    ],
    errors: [
      { label: 'zero chunks', call: () => chunk(m34(), 0), error: ShapeError, message: 'chunk expects `chunks` to be greater than 0, got: 0' },
      { label: 'a non-integer number of chunks', call: () => chunk(m34(), 1.5), error: ShapeError, message: 'chunk expects `chunks` to be an integer, got: 1.5' },
      { label: 'a 0-d tensor', call: () => chunk(zeros([]), 1), error: ShapeError, message: 'chunk expects at least a 1-dimensional tensor' },
      unknownKey(() => chunk(m34(), 2, { axis: 1 } as never), 'axis'),
      dimOutOfRange(() => chunk(m34(), 2, -3), -3),
    ],
  }),
  tensorEntry('tensorSplit', (_, k) => [k.split, dimOf(k)], {
    torch: "lambda t, k: torch.tensor_split(t[0], k['split'], k.get('dim', 0))",
    samples: [
      s([f32([7])], { split: 3 }), s([f32([7])], { split: [1, 5] }), s([f32([6, 4])], { split: [2, 10] }), s([f32([4, 6])], { split: 4, dim: -1 }),
      s([f32([5])], { split: [4, 2] }), s([f32([5])], { split: [-2] }), s([f32([3])], { split: 5 }), s([f32([0, 3])], { split: 2 }),
      s([f32([129])], { split: [64] }), s([i32([6])], { split: 4 }), s([f64([5, 2])], { split: 2 }), s([f64([2, 5])], { split: [1, 3], dim: 1 }),
      s([f32([3, 4])], { split: 2, dim: 1, asOptions: true }),
    ],
    errors: [
      { label: 'zero sections', call: () => tensorSplit(m34(), 0), error: ShapeError, message: 'number of sections must be larger than 0, got 0' },
      { label: 'a 0-d tensor', call: () => tensorSplit(zeros([]), 1), error: ShapeError, message: 'tensor_split expected at least a 1-dimensional tensor' },
      { label: 'a non-integer split index', call: () => tensorSplit(m34(), [1.5]), error: TypeError, message: 'indices must be integers, got 1.5 in [1.5]' },
      unknownKey(() => tensorSplit(m34(), 2, { axis: 1 } as never), 'axis'),
      dimOutOfRange(() => tensorSplit(m34(), 2, 2), 2),
    ],
  }),
  tensorEntry('unbind', (_, k) => [dimOf(k)], {
    torch: "lambda t, k: torch.unbind(t[0], k.get('dim', 0))",
    samples: [
      s([f32([3, 4])]), s([f32([3, 4])], { dim: 1 }), s([f32([2, 3, 4])], { dim: -1 }), s([f32([2, 3, 4])], { dim: 1 }), s([f32([0, 3])]),
      s([f32([3, 0])]), s([f32([1])]), s([f32([5])]), s([i32([2, 2])], { dim: 1 }), s([b8([3])]), s([f64([2, 3])], { dim: 1 }), s([f64([4])]),
      s([f32([2, 3])], { dim: -1, asOptions: true }),
    ],
    errors: [
      { label: 'a 0-d tensor', call: () => unbind(zeros([])), error: IndexError, message: 'Dimension specified as 0 but tensor has no dimensions' },
      unknownKey(() => unbind(m34(), { axis: 1 } as never), 'axis'),
      dimOutOfRange(() => unbind(m34(), 2), 2),
    ],
  }),
];

// ------------------------------------------------------------------ indexing along a dim

/**
 * scatter's source in PyTorch: the part that the index reads (all of it when it has the index's shape), or the value.
 * A source larger than the index has a gradient that is zero outside that part; PyTorch 1.13's backward refuses to
 * return it (the gathered gradient has the index's shape), and reading only that part gives the same forward and
 * that gradient.
 */
const TORCH_SOURCE = "(t[2][tuple(slice(0, n) for n in t[1].shape)] if len(t) > 2 else k['value'])";

const indexing: OpEntry[] = [
  tensorEntry('gather', (t, k) => [k.dim, t[1]], {
    torch: "lambda t, k: torch.gather(t[0], k['dim'], t[1].long())",
    samples: [
      s([f32([3, 4]), ix([3, 2], [0, 3, 1, 1, 2, 0])], { dim: 1 }), s([f32([3, 4]), ix([2, 4], [0, 1, 2, 0, 2, 2, 1, 0])], { dim: 0 }),
      s([f32([3, 4]), ix([2, 2], [2, 0, 1, 1])], { dim: 0 }),
      s([f32([3, 4]), ix([3, 5], [0, 3, 3, 1, 2, 1, 1, 0, 3, 2, 2, 3, 0, 0, 1])], { dim: -1 }),
      s([f32([2, 3, 4]), ix([2, 2, 4], [0, 1, 2, 0, 2, 2, 1, 0, 1, 0, 0, 2, 1, 1, 2, 0])], { dim: 1 }),
      s([f32([]), ix([], [0])], { dim: 0 }), s([f32([3, 4]), ix([0, 4], [])], { dim: 0 }),
      s([i32([3, 4]), ix([3, 1], [3, 0, 2])], { dim: 1 }), s([b8([3, 4]), ix([2, 4], [2, 1, 0, 1, 0, 0, 2, 2])], { dim: 0 }),
      s([f32([129]), ix([129], Array.from({ length: 129 }, (_, i) => (i * 7) % 129))], { dim: 0 }),
      s([f64([3, 4]), ix([3, 2], [1, 1, 0, 3, 2, 2])], { dim: 1 }), s([f64([2, 3]), ix([4, 3], [0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0])], { dim: 0 }),
    ],
    errors: [
      { label: 'an index out of range', call: () => gather(m34(), 1, idx([0, 4, 1]).reshape([3, 1])), error: IndexError, message: 'index 4 is out of bounds for dimension 1 with size 4' },
      { label: 'a negative index', call: () => gather(m34(), 0, idx([-1]).reshape([1, 1])), error: IndexError, message: 'index -1 is out of bounds for dimension 0 with size 3' },
      { label: 'a float index', call: () => gather(m34(), 0, zeros([1, 1])), error: DTypeError, message: 'Expected dtype int32 for index, but got torch.float32' },
      { label: 'an index of another rank', call: () => gather(m34(), 0, idx([0])), error: IndexError, message: 'Index tensor must have the same number of dimensions as input tensor' },
      { label: 'an index larger off the dim', call: () => gather(m34(), 0, idx([0, 0, 0, 0, 0]).reshape([1, 5])), error: IndexError, message: 'Size does not match at dimension 1' },
      dimOutOfRange(() => gather(m34(), 2, idx([0]).reshape([1, 1])), 2),
    ],
  }),
  tensorEntry('indexSelect', (t, k) => [k.dim, t[1]], {
    torch: "lambda t, k: torch.index_select(t[0], k['dim'], t[1].long())",
    samples: [
      s([f32([5, 3]), ix([4], [4, 0, 2, 2])], { dim: 0 }), s([f32([5, 3]), ix([2], [2, 0])], { dim: 1 }), s([f32([5, 3]), ix([3], [1, 1, 1])], { dim: -1 }),
      s([f32([2, 3, 4]), ix([5], [2, 0, 1, 2, 2])], { dim: 1 }), s([f32([5, 3]), ix([], [3])], { dim: 0 }), s([f32([5, 3]), ix([0], [])], { dim: 0 }),
      s([f32([129]), ix([6], [128, 0, 64, 1, 127, 3])], { dim: 0 }), s([f32([0, 3]), ix([0], [])], { dim: 0 }), s([i32([4, 2]), ix([3], [3, 3, 0])], { dim: 0 }),
      s([b8([4]), ix([2], [1, 3])], { dim: 0 }), s([f64([4, 3]), ix([5], [3, 0, 3, 1, 3])], { dim: 0 }), s([f64([2, 3]), ix([4], [2, 2, 0, 1])], { dim: 1 }),
      s([f32([]), ix([1], [0])], { dim: 0 }), s([f64([]), ix([], [0])], { dim: 0 }), s([f64([]), ix([1], [0])], { dim: -1 }),
    ],
    errors: [
      { label: 'an index out of range', call: () => indexSelect(m34(), 0, idx([1, 3])), error: IndexError, message: 'index 3 is out of bounds for dimension 0 with size 3' },
      { label: 'a 2-d index', call: () => indexSelect(m34(), 0, idx([0, 1]).reshape([1, 2])), error: IndexError, message: 'Index is supposed to be a vector' },
      { label: 'a float index', call: () => indexSelect(m34(), 0, zeros([1])), error: DTypeError, message: 'Expected dtype int32 for index, but got torch.float32' },
      { label: 'two indices into a 0-d tensor', call: () => indexSelect(zeros([]), 0, idx([0, 0])), error: IndexError, message: 'Index to scalar can have only 1 value, got 2 value(s)' },
      dimOutOfRange(() => indexSelect(m34(), -3, idx([0])), -3),
    ],
  }),
  tensorEntry('indexAdd', (t, k) => [k.dim, t[1], t[2], k.alpha], {
    torch: "lambda t, k: torch.index_add(t[0], k['dim'], t[1].long(), t[2], alpha=k.get('alpha', 1))",
    tolerance: 'float',
    inplace: true,
    samples: indexAddSamples(),
    errors: [
      { label: 'an index out of range', call: () => indexAdd(m34(), 0, idx([3]), zeros([1, 4])), error: IndexError, message: 'index 3 is out of bounds for dimension 0 with size 3' },
      { label: 'a source of another dtype', call: () => indexAdd(m34(), 0, idx([0]), zeros([1, 4], { dtype: 'float64' })), error: DTypeError, message: 'self (torch.float32) and source (torch.float64) must have the same scalar type' },
      { label: 'a source of another shape', call: () => indexAdd(m34(), 0, idx([0]), zeros([1, 5])), error: ShapeError, message: 'source tensor shape must match self tensor shape, excluding the specified dimension' },
      { label: 'fewer indices than source rows', call: () => indexAdd(m34(), 0, idx([0]), zeros([2, 4])), error: IndexError, message: 'Number of indices (1) should be equal to source.size(dim) (2)' },
      dimOutOfRange(() => indexAdd(m34(), 2, idx([0]), zeros([1, 4])), 2),
    ],
  }),
  tensorEntry('take', (t) => [t[1]], {
    torch: 'lambda t, k: torch.take(t[0], t[1].long())',
    samples: [
      s([f32([3, 4]), ix([5], [0, 11, -1, 5, -12])]), s([f32([3, 4]), ix([2, 3], [3, 3, 0, 7, 10, 1])]), s([f32([3, 4]), ix([], [7])]),
      s([f32([3, 4]), ix([0], [])]), s([f32([]), ix([2], [0, -1])]), s([f32([129]), ix([3], [128, -129, 64])]), s([i32([2, 3]), ix([2], [5, -2])]),
      s([b8([4]), ix([3], [3, 0, 0])]), s([f64([2, 3]), ix([4], [5, 0, 5, -6])]), s([f64([4]), ix([2, 2], [1, 1, 3, -4])]),
      s([f64([2, 2]), ix([3, 2], [0, 1, 2, 3, 3, 0])]),
    ],
    errors: [
      { label: 'an index out of range', call: () => take(m34(), idx([12])), error: IndexError, message: 'out of range: tried to access index 12 on a tensor of 12 elements' },
      { label: 'a negative index out of range', call: () => take(m34(), idx([-13])), error: IndexError, message: 'index -13' },
      { label: 'an index into an empty tensor', call: () => take(zeros([0]), idx([0])), error: IndexError, message: 'index 0 on a tensor of 0 elements' },
      { label: 'a float index', call: () => take(m34(), zeros([1])), error: DTypeError, message: 'Expected a int32 tensor for index, but got torch.float32' },
    ],
  }),
  tensorEntry('scatter', (t, k) => [k.dim, t[1], t.length > 2 ? t[2] : k.value], {
    torch: `lambda t, k: torch.scatter(t[0], k['dim'], t[1].long(), ${TORCH_SOURCE})`,
    inplace: true,
    // No sample repeats a position: which of several writes to one element wins is unspecified (in PyTorch too).
    samples: [
      s([f32([3, 5]), ix([2, 5], [0, 1, 2, 0, 1, 2, 0, 1, 1, 0]), f32([2, 5])], { dim: 0 }),
      s([f32([3, 5]), ix([3, 2], [4, 0, 1, 3, 2, 4]), f32([3, 2])], { dim: 1 }),
      s([f32([3, 5]), ix([2, 3], [0, 1, 2, 4, 3, 2]), f32([3, 6])], { dim: 1 }, 'a source larger than the index'),
      s([f32([3, 4]), ix([2, 4], [0, 1, 2, 0, 2, 0, 1, 1])], { dim: 0, value: 2.5 }),
      s([f32([3, 4]), ix([3, 2], [3, 0, 1, 2, 0, 3]), f32([3, 2])], { dim: -1 }),
      s([f32([2, 3, 4]), ix([2, 2, 4], [0, 1, 2, 0, 2, 0, 1, 1, 1, 2, 0, 2, 0, 1, 1, 0]), f32([2, 2, 4])], { dim: 1 }),
      s([f32([]), ix([], [0]), f32([])], { dim: 0 }), s([f32([3, 4]), ix([0, 4], []), f32([0, 4])], { dim: 0 }),
      s([i32([3, 4]), ix([1, 4], [2, 0, 1, 2])], { dim: 0, value: 7 }), s([b8([2, 3]), ix([2, 1], [2, 0])], { dim: 1, value: true }),
      s([i32([3, 2]), ix([2, 2], [1, 2, 0, 1]), i32([2, 2])], { dim: 0 }),
      s([f64([3, 4]), ix([2, 4], [2, 0, 1, 0, 0, 1, 2, 2]), f64([2, 4])], { dim: 0 }),
      s([f64([2, 3]), ix([2, 2], [2, 0, 1, 2]), f64([2, 3])], { dim: 1 }), s([f64([3, 4]), ix([1, 3], [1, 0, 2])], { dim: 0, value: -1.5 }),
    ],
    errors: [
      { label: 'an index out of range', call: () => scatter(m34(), 0, idx([3]).reshape([1, 1]), 1), error: IndexError, message: 'index 3 is out of bounds for dimension 0 with size 3' },
      { label: 'a source of another dtype', call: () => scatter(m34(), 0, idx([0]).reshape([1, 1]), zeros([1, 1], { dtype: 'float64' })), error: DTypeError, message: 'Expected self.dtype to be equal to src.dtype' },
      { label: 'an index of another rank', call: () => scatter(m34(), 0, idx([0]), 1), error: IndexError, message: 'Index tensor must have the same number of dimensions as self tensor' },
      { label: 'an index larger than the source', call: () => scatter(m34(), 0, idx([0, 1]).reshape([1, 2]), zeros([1, 1])), error: IndexError, message: 'to be no larger size than src [1, 1]' },
      dimOutOfRange(() => scatter(m34(), 2, idx([0]).reshape([1, 1]), 1), 2),
    ],
  }),
  tensorEntry('scatterAdd', (t, k) => [k.dim, t[1], t[2]], {
    torch: `lambda t, k: torch.scatter_add(t[0], k['dim'], t[1].long(), ${TORCH_SOURCE})`,
    tolerance: 'float',
    inplace: true,
    samples: scatterAddSamples(),
    errors: [
      { label: 'a number as the source', call: () => scatterAdd(m34(), 0, idx([0]).reshape([1, 1]), 1 as never), error: TypeError, message: 'src must be a Tensor' },
      { label: 'an index out of range', call: () => scatterAdd(m34(), 1, idx([4]).reshape([1, 1]), zeros([1, 1])), error: IndexError, message: 'index 4 is out of bounds for dimension 1 with size 4' },
      { label: 'a source of another dtype', call: () => scatterAdd(m34(), 0, idx([0]).reshape([1, 1]), zeros([1, 1], { dtype: 'int32' })), error: DTypeError, message: 'Expected self.dtype to be equal to src.dtype' },
      dimOutOfRange(() => scatterAdd(m34(), -3, idx([0]).reshape([1, 1]), zeros([1, 1])), -3),
    ],
  }),
];

function indexAddSamples(): Sample[] {
  return [
    s([f32([5, 3]), ix([3], [0, 4, 2]), f32([3, 3])], { dim: 0 }), s([f32([5, 3]), ix([4], [1, 1, 3, 1]), f32([4, 3])], { dim: 0 }),
    s([f32([3, 5]), ix([2], [4, 0]), f32([3, 2])], { dim: 1 }), s([f32([3, 5]), ix([3], [2, 2, 0]), f32([3, 3])], { dim: -1 }),
    s([f32([5, 3]), ix([2], [3, 0]), f32([2, 3])], { dim: 0, alpha: 2.5 }), s([f32([2, 3, 4]), ix([2], [3, 1]), f32([2, 3, 2])], { dim: 2 }),
    s([f32([]), ix([], [0]), f32([])], { dim: 0 }), s([f32([5, 3]), ix([0], []), f32([0, 3])], { dim: 0 }),
    s([f32([129]), ix([4], [128, 0, 0, 64]), f32([4])], { dim: 0 }), s([i32([4, 2]), ix([3], [3, 0, 3]), i32([3, 2])], { dim: 0, alpha: 2 }),
    s([f64([4, 3]), ix([3], [3, 0, 3]), f64([3, 3])], { dim: 0 }), s([f64([2, 4]), ix([2], [1, 2]), f64([2, 2])], { dim: 1, alpha: -1.5 }),
  ];
}

function scatterAddSamples(): Sample[] {
  return [
    s([f32([3, 5]), ix([2, 5], [0, 1, 2, 0, 0, 2, 0, 1, 1, 0]), f32([2, 5])], { dim: 0 }),
    s([f32([3, 5]), ix([3, 4], [4, 0, 4, 4, 1, 3, 1, 1, 2, 2, 2, 0]), f32([3, 4])], { dim: 1 }),
    s([f32([3, 5]), ix([2, 3], [0, 1, 0, 4, 4, 2]), f32([3, 6])], { dim: -1 }, 'a source larger than the index'),
    s([f32([2, 3, 4]), ix([2, 2, 4], [0, 1, 2, 0, 2, 2, 1, 1, 1, 1, 0, 2, 0, 1, 1, 0]), f32([2, 2, 4])], { dim: 1 }),
    s([f32([]), ix([], [0]), f32([])], { dim: 0 }), s([f32([3, 4]), ix([0, 4], []), f32([0, 4])], { dim: 0 }),
    s([f32([4]), ix([129], Array.from({ length: 129 }, (_, i) => (i * 5) % 4)), f32([129])], { dim: 0 }),
    s([i32([3, 2]), ix([2, 2], [1, 1, 1, 0]), i32([2, 2])], { dim: 0 }),
    s([f64([3, 4]), ix([2, 4], [2, 0, 2, 0, 2, 1, 2, 2]), f64([2, 4])], { dim: 0 }),
    s([f64([2, 3]), ix([2, 2], [1, 1, 0, 2]), f64([2, 3])], { dim: 1 }),
  ];
}

// ------------------------------------------------------------------ selection by value

const NONZERO_VALUES = [0, 1, 0, 2, 0, 0, 3, 0, -0, NaN, 0, 5];

const selection: OpEntry[] = [
  tensorEntry('nonzero', (_, k) => ('options' in k ? [k.options] : []), {
    torch: "lambda t, k: torch.nonzero(t[0], as_tuple=k.get('options', {}).get('asTuple', False))",
    grad: false,
    samples: [
      s([f32([3, 4], NONZERO_VALUES)]), s([b8([2, 3, 4])]), s([inputOf([3, 4], 'int32')]), s([f32([], [3])]), s([f32([], [0])]), s([f32([0])]),
      s([f32([0, 3])]), s([b8([129])]), s([f64([5], [-0, Infinity, 0, -Infinity, 1e-300])]), s([i32([2, 3], [0, 0, 0, 0, 0, 0])]),
      s([b8([3, 4])], { options: { asTuple: true } }), s([f32([], [1])], { options: { asTuple: true } }), s([f32([0])], { options: { asTuple: true } }),
      s([f32([3, 4], NONZERO_VALUES)], { options: { asTuple: false } }),
    ],
    errors: [unknownKey(() => nonzero(m34(), { as_tuple: true } as never), 'as_tuple')],
  }),
  tensorEntry('argwhere', () => [], {
    torch: 'lambda t, k: torch.argwhere(t[0])',
    grad: false,
    samples: [s([f32([3, 4], NONZERO_VALUES)]), s([b8([2, 3])]), s([i32([5])]), s([f32([], [2])]), s([f32([0])]), s([f64([2, 2], [0, -0, NaN, 0])])],
    errors: [disposedInput((x) => x.argwhere())],
  }),
  tensorEntry('maskedSelect', (t) => [t[1]], {
    torch: 'lambda t, k: torch.masked_select(t[0], t[1])',
    samples: [
      s([f32([3, 4]), b8([3, 4])]), s([f32([3, 4]), b8([4])]), s([f32([4]), b8([3, 4])], {}, 'an input broadcast against the mask'),
      s([f32([]), b8([])]), s([f32([]), b8([3], [1, 0, 1])]), s([f32([3, 4]), b8([3, 4], new Array<number>(12).fill(0))]),
      s([f32([0, 3]), b8([3])]), s([f32([129]), b8([129])]), s([i32([2, 3]), b8([2, 3])]), s([b8([5]), b8([5])]),
      s([f64([2, 3]), b8([2, 3])]), s([f64([3]), b8([2, 3], [1, 0, 1, 1, 1, 0])]),
    ],
    errors: [
      { label: 'a float mask', call: () => maskedSelect(m34(), zeros([3, 4])), error: DTypeError, message: 'expected BoolTensor for mask, got torch.float32' },
      { label: 'a mask that does not broadcast', call: () => maskedSelect(m34(), zeros([3], { dtype: 'bool' })), error: ShapeError, message: 'The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1' },
    ],
  }),
];

// ------------------------------------------------------------------ triangles, diagonals, flips, rolls, tiles

const triangleSamples = (): Sample[] => [
  s([f32([4, 4])]), s([f32([3, 5])], { diagonal: 1 }), s([f32([5, 3])], { diagonal: -1 }), s([f32([2, 3, 4])]), s([f32([3, 4])], { diagonal: 10 }),
  s([f32([3, 4])], { diagonal: -10 }), s([f32([0, 3])]), s([f32([3, 0])], { diagonal: 1 }), s([f32([129, 3])], { diagonal: -1 }),
  s([f32([1, 129])], { diagonal: 2 }), s([i32([3, 3])]), s([b8([3, 4])], { diagonal: -1 }), s([f64([3, 3])]), s([f64([2, 3, 4])], { diagonal: 1 }),
  s([f64([3, 4])], { diagonal: -2 }), s([f32([5])], {}, 'a 1-d tensor'),
];

const triangleErrors = (op: (x: Tensor, k?: number) => Tensor, name: string): ErrorInput[] => [
  { label: 'a 1-d tensor', call: () => op(zeros([3])), error: ShapeError, message: `${name}: input tensor must have at least 2 dimensions` },
  { label: 'a non-integer diagonal', call: () => op(m34(), 0.5), error: ShapeError, message: 'diagonal must be an integer, got 0.5' },
];

const triangles: OpEntry[] = [
  tensorEntry('tril', (_, k) => [k.diagonal], {
    torch: "lambda t, k: torch.tril(t[0], k.get('diagonal', 0))", inplace: true, samples: triangleSamples(), errors: triangleErrors(tril, 'tril'),
  }),
  tensorEntry('triu', (_, k) => [k.diagonal], {
    torch: "lambda t, k: torch.triu(t[0], k.get('diagonal', 0))", inplace: true, samples: triangleSamples(), errors: triangleErrors(triu, 'triu'),
  }),
  tensorEntry('diag', (_, k) => [k.diagonal], {
    // A 2-d input: the copy of its diagonal (PyTorch 1.13's diag fails on an offset past the matrix, which gives an
    // empty diagonal in current PyTorch).
    torch: "lambda t, k: torch.diagonal(t[0], k.get('diagonal', 0)).clone() if t[0].dim() == 2 else torch.diag(t[0], k.get('diagonal', 0))",
    samples: [
      s([f32([4])]), s([f32([3])], { diagonal: 1 }), s([f32([3])], { diagonal: -2 }), s([f32([0])]), s([f32([1])]), s([f32([3, 4])]),
      s([f32([4, 3])], { diagonal: 1 }), s([f32([3, 4])], { diagonal: -1 }), s([f32([3, 4])], { diagonal: 5 }), s([f32([129])]),
      s([f32([17, 9])], { diagonal: -3 }), s([i32([3])]), s([b8([2, 2])]), s([f64([4])]), s([f64([3, 3])], { diagonal: -1 }),
      s([f64([2, 4])], { diagonal: 1 }), s([f32([])], {}, 'a 0-d tensor'), s([f32([2, 2, 2])], {}, 'a 3-d tensor'),
    ],
    errors: [
      { label: 'a 3-d tensor', call: () => diag(zeros([2, 2, 2])), error: ShapeError, message: 'diag(): Supports 1D or 2D tensors. Got 3D' },
      { label: 'a 0-d tensor', call: () => diag(zeros([])), error: ShapeError, message: 'Got 0D' },
      { label: 'a non-integer diagonal', call: () => diag(zeros([3]), 1.5), error: ShapeError, message: 'diagonal must be an integer, got 1.5' },
    ],
  }),
  tensorEntry('diagEmbed', (_, k) => [k.offset, k.dim1, k.dim2], {
    torch: "lambda t, k: torch.diag_embed(t[0], k.get('offset', 0), k.get('dim1', -2), k.get('dim2', -1))",
    samples: [
      s([f32([3])]), s([f32([2, 3])]), s([f32([2, 3])], { offset: 1 }), s([f32([2, 3])], { offset: -2 }), s([f32([2, 3])], { offset: 0, dim1: 0, dim2: 2 }),
      s([f32([2, 3])], { offset: 0, dim1: 2, dim2: 0 }), s([f32([2, 3])], { offset: 1, dim1: -1, dim2: 0 }), s([f32([0])]), s([f32([2, 0])], { offset: 1 }),
      s([f32([1])]), s([f32([129])], { offset: -1 }), s([i32([3])]), s([b8([2])], { offset: 1 }), s([f64([3])]),
      s([f64([2, 3])], { offset: -1, dim1: 0, dim2: 1 }), s([f32([])], {}, 'a 0-d tensor'),
    ],
    errors: [
      { label: 'a 0-d tensor', call: () => diagEmbed(zeros([])), error: ShapeError, message: 'expected an input with at least 1 dimension' },
      { label: 'the same dim twice', call: () => diagEmbed(zeros([3]), 0, 0, -2), error: ShapeError, message: 'diagonal dimensions cannot be identical 0, -2' },
      { label: 'a non-integer offset', call: () => diagEmbed(zeros([3]), 0.5), error: ShapeError, message: 'offset must be an integer, got 0.5' },
      dimOutOfRange(() => diagEmbed(zeros([3]), 0, 0, 2), 2),
    ],
  }),
  tensorEntry('flip', (_, k) => (k.varargs ? k.dims : [k.dims]), {
    torch: "lambda t, k: torch.flip(t[0], k['dims'])",
    samples: [
      s([f32([3, 4])], { dims: [0] }), s([f32([3, 4])], { dims: [1] }), s([f32([3, 4])], { dims: [0, 1] }), s([f32([3, 4])], { dims: [-1] }),
      s([f32([2, 3, 5])], { dims: [0, 2] }), s([f32([])], { dims: [] }), s([f32([])], { dims: [0] }), s([f32([129])], { dims: [0] }),
      s([f32([0, 3])], { dims: [0] }), s([f32([3, 4])], { dims: [] }), s([i32([3, 4])], { dims: [1] }), s([b8([5])], { dims: [0] }),
      s([f64([2, 3])], { dims: [1] }), s([f64([2, 3, 4])], { dims: [-1, 0] }), s([f32([2, 3, 4])], { dims: [2, 1], varargs: true }),
    ],
    errors: [
      { label: 'a dim named twice', call: () => flip(m34(), [1, -1]), error: IndexError, message: 'dim 1 appears multiple times in the list of dims' },
      dimOutOfRange(() => flip(m34(), [2]), 2),
    ],
  }),
  tensorEntry('fliplr', () => [], {
    torch: 'lambda t, k: torch.fliplr(t[0])',
    samples: [s([f32([3, 4])]), s([f32([2, 3, 4])]), s([f32([0, 3])]), s([f32([129, 2])]), s([i32([2, 3])]), s([b8([3, 2])]), s([f64([2, 3])]), s([f32([5])], {}, 'a 1-d tensor')],
    errors: [{ label: 'a 1-d tensor', call: () => fliplr(zeros([5])), error: ShapeError, message: 'Input must be >= 2-d.' }],
  }),
  tensorEntry('flipud', () => [], {
    torch: 'lambda t, k: torch.flipud(t[0])',
    samples: [
      s([f32([3, 4])]), s([f32([5])]), s([f32([2, 3, 4])]), s([f32([0])]), s([f32([129])]), s([i32([4])]), s([b8([2, 3])]), s([f64([4])]),
      s([f64([2, 3])]), s([f32([])], {}, 'a 0-d tensor'),
    ],
    errors: [{ label: 'a 0-d tensor', call: () => flipud(zeros([])), error: ShapeError, message: 'Input must be >= 1-d.' }],
  }),
  tensorEntry('roll', (_, k) => ('dims' in k ? [k.shifts, k.dims] : [k.shifts]), {
    torch: "lambda t, k: torch.roll(t[0], k['shifts'], k['dims']) if 'dims' in k else torch.roll(t[0], k['shifts'])",
    samples: [
      s([f32([5])], { shifts: 2 }), s([f32([5])], { shifts: -7 }), s([f32([3, 4])], { shifts: 1, dims: 0 }), s([f32([3, 4])], { shifts: [1, -1], dims: [0, 1] }),
      s([f32([3, 4])], { shifts: 5 }), s([f32([3, 4])], { shifts: [13] }), s([f32([2, 3, 4])], { shifts: [2, 1], dims: [-1, 0] }),
      s([f32([3, 4])], { shifts: [1, 2], dims: [0, 0] }), s([f32([])], { shifts: 3 }), s([f32([0, 3])], { shifts: 2, dims: 0 }),
      s([f32([129])], { shifts: 64 }), s([f32([3, 4])], { shifts: 0 }), s([i32([3, 4])], { shifts: -1, dims: 1 }), s([b8([6])], { shifts: 4 }),
      s([f64([2, 3])], { shifts: 1, dims: 1 }), s([f64([2, 3])], { shifts: 4 }), s([f64([4])], { shifts: [-1], dims: [0] }),
      s([f32([])], { shifts: 1, dims: 0 }, 'a dim of a 0-d tensor'),
    ],
    errors: [
      { label: 'more shifts than dims', call: () => roll(m34(), [1, 2], [0]), error: ShapeError, message: 'shifts and dimensions must align. shifts: 2, dims:1' },
      { label: 'no shifts', call: () => roll(m34(), []), error: ShapeError, message: '`shifts` required' },
      { label: 'a non-integer shift', call: () => roll(m34(), 1.5, 0), error: ShapeError, message: 'shifts must be integers, got [1.5]' },
      { label: 'a dim of a 0-d tensor', call: () => roll(zeros([]), 1, 0), error: IndexError, message: 'Dimension specified as 0 but tensor has no dimensions' },
      dimOutOfRange(() => roll(m34(), 1, 2), 2),
    ],
  }),
  tensorEntry('tile', (_, k) => (k.varargs ? k.dims : [k.dims]), {
    torch: "lambda t, k: torch.tile(t[0], k['dims'])",
    tolerance: GRADIENT_SUMS,
    samples: [
      s([f32([2, 3])], { dims: [2, 1] }), s([f32([2, 3])], { dims: [1, 2] }), s([f32([3])], { dims: [2, 3] }), s([f32([2, 3])], { dims: [2] }),
      s([f32([])], { dims: [3] }), s([f32([])], { dims: [] }), s([f32([0, 3])], { dims: [2, 2] }), s([f32([2, 3])], { dims: [0, 1] }),
      s([f32([2, 1, 3])], { dims: [1, 3, 1, 2] }), s([f32([129])], { dims: [2] }), s([i32([2, 2])], { dims: [2, 1] }), s([b8([3])], { dims: [2] }),
      s([f64([2, 3])], { dims: [2, 2] }), s([f64([3])], { dims: [2, 1] }), s([f32([2, 3])], { dims: [1, 2], varargs: true }),
    ],
    errors: [
      { label: 'a negative repeat', call: () => tile(m34(), [1, -1]), error: ShapeError, message: 'negative dimension -1' },
      { label: 'a non-integer repeat', call: () => tile(m34(), [1.5, 1]), error: ShapeError, message: 'repeats must be integers, got 1.5 in [1.5, 1]' },
    ],
  }),
];

// ------------------------------------------------------------------ padding

const padding: OpEntry[] = [
  tensorEntry('pad', (_, k) => ('options' in k ? [k.pad, k.options] : 'value' in k ? [k.pad, k.mode ?? 'constant', k.value] : 'mode' in k ? [k.pad, k.mode] : [k.pad]), {
    torch: "lambda t, k: (lambda o: F.pad(t[0], k['pad'], o.get('mode', 'constant'), *([o['value']] if 'value' in o else [])))(k.get('options', k))",
    method: false,
    tolerance: GRADIENT_SUMS,
    samples: [
      s([f32([3, 4])], { pad: [1, 2] }), s([f32([3, 4])], { pad: [1, 1, 2, 0] }), s([f32([3, 4])], { pad: [-1, 1] }),
      s([f32([3, 4])], { pad: [2, -3, 1, 0], value: 2.5 }), s([f32([2, 3, 4])], { pad: [1, 1, 1, 1, 1, 1] }), s([f32([])], { pad: [] }),
      s([f32([0, 3])], { pad: [1, 1] }), s([f32([0, 3])], { pad: [0, 0, 1, 1] }), s([f32([129])], { pad: [3, 5] }),
      s([i32([2, 3])], { pad: [1, 1], value: 7 }), s([b8([2, 2])], { pad: [1, 0] }),
      s([f32([1, 2, 5])], { pad: [2, 1], mode: 'reflect' }), s([f32([2, 3, 4, 5])], { pad: [1, 2, 2, 1], mode: 'reflect' }),
      s([f32([2, 5])], { pad: [1, 1], options: { mode: 'reflect' } }), s([f32([1, 2, 3])], { pad: [2, 2], mode: 'replicate' }),
      s([f32([1, 2, 3, 4])], { pad: [1, 2, 2, 1], mode: 'replicate' }), s([f32([1, 2, 5])], { pad: [-1, 2], mode: 'replicate' }),
      s([f32([1, 2, 5])], { pad: [2, 1], mode: 'circular' }), s([f32([1, 1, 3, 4])], { pad: [1, 1, 2, 0], mode: 'circular' }),
      s([f32([1, 2, 5])], { pad: [-1, 2], mode: 'circular' }), s([f32([1, 2, 5])], { pad: [2, -1], mode: 'circular' }), s([f32([2, 3])], { pad: [1, 0], options: { mode: 'constant', value: -1 } }),
      s([f64([2, 3])], { pad: [1, 2] }), s([f64([1, 2, 4])], { pad: [1, 2], mode: 'reflect' }), s([f64([1, 2, 3])], { pad: [2, 1], mode: 'replicate' }),
      s([f64([1, 1, 2, 3])], { pad: [1, 1, 1, 1], mode: 'circular' }), s([f64([1, 2, 4])], { pad: [-1, 2], mode: 'circular' }), s([f64([2, 3])], { pad: [-1, 1, 1, -1] }),
      s([f32([1, 2, 3])], { pad: [3, 0], mode: 'reflect' }, 'reflect padding as wide as the dim'),
    ],
    errors: [
      { label: 'an odd number of pads', call: () => pad(m34(), [1, 2, 3]), error: ShapeError, message: 'Padding length must be divisible by 2' },
      { label: 'more pads than dims', call: () => pad(zeros([3]), [1, 1, 1, 1]), error: ShapeError, message: 'Padding length too large' },
      { label: 'reflect padding as wide as the dim', call: () => pad(zeros([1, 2, 3]), [3, 0], 'reflect'), error: ShapeError, message: 'Padding size should be less than the corresponding input dimension' },
      { label: 'a value with reflect padding', call: () => pad(zeros([1, 2, 3]), [1, 1], 'reflect', 2), error: ShapeError, message: 'Padding mode "reflect" doesn\'t take in value argument' },
      { label: 'an unknown mode', call: () => pad(m34(), [1, 1], 'wrap' as never), error: NotSupportedError, message: 'Unrecognised padding mode wrap' },
      { label: 'a non-integer pad', call: () => pad(m34(), [1.5, 1]), error: ShapeError, message: 'pad expects integer paddings, got [1.5, 1]' },
      unknownKey(() => pad(m34(), [1, 1], { mod: 'reflect' } as never), 'mod'),
    ],
  }),
];

// ------------------------------------------------------------------ function forms of the in-place variants

const inPlaceFunctions: OpEntry[] = [
  inPlaceEntry('indexAdd_', (t, k) => [k.dim, t[1], t[2], k.alpha], {
    torch: `lambda t, k: ${TORCH_TARGET}.index_add_(k['dim'], t[1].long(), t[2], alpha=k.get('alpha', 1))`,
    tolerance: 'float',
    samples: [
      ...indexAddSamples(), s([f32([5, 3]), ix([4], [1, 1, 3, 1]), f32([4, 3])], { dim: 0, target: 'transposed' }),
      s([f64([3, 4]), ix([3], [3, 0, 3]), f64([3, 3])], { dim: 1, alpha: 0.5, target: 'transposed' }),
    ],
    errors: [
      { label: 'an index out of range', call: () => indexAdd_(m34(), 0, idx([3]), zeros([1, 4])), error: IndexError, message: 'index 3 is out of bounds for dimension 0 with size 3' },
      { label: 'a leaf that requires grad', call: () => indexAdd_(m34().requiresGrad_(), 0, idx([0]), zeros([1, 4])), error: AutogradError, message: 'a leaf Variable that requires grad is being used in an in-place operation' },
    ],
  }),
  inPlaceEntry('scatter_', (t, k) => [k.dim, t[1], t.length > 2 ? t[2] : k.value], {
    torch: `lambda t, k: ${TORCH_TARGET}.scatter_(k['dim'], t[1].long(), ${TORCH_SOURCE})`,
    samples: [
      s([f32([3, 5]), ix([2, 5], [0, 1, 2, 0, 1, 2, 0, 1, 1, 0]), f32([2, 5])], { dim: 0 }),
      s([f32([3, 4]), ix([2, 4], [0, 1, 2, 0, 2, 0, 1, 1])], { dim: 0, value: 2.5 }),
      s([f32([3, 5]), ix([3, 2], [4, 0, 1, 3, 2, 4]), f32([3, 2])], { dim: 1, target: 'transposed' }),
      s([b8([2, 3]), ix([2, 1], [2, 0])], { dim: 1, value: true }),
      s([f64([3, 4]), ix([2, 4], [2, 0, 1, 0, 0, 1, 2, 2]), f64([2, 4])], { dim: 0 }),
      s([f64([2, 3]), ix([2, 2], [2, 0, 1, 2]), f64([2, 3])], { dim: 1, target: 'transposed' }),
    ],
    errors: [
      { label: 'an index out of range', call: () => scatter_(m34(), 0, idx([3]).reshape([1, 1]), 1), error: IndexError, message: 'index 3 is out of bounds for dimension 0 with size 3' },
    ],
  }),
  inPlaceEntry('scatterAdd_', (t, k) => [k.dim, t[1], t[2]], {
    torch: `lambda t, k: ${TORCH_TARGET}.scatter_add_(k['dim'], t[1].long(), ${TORCH_SOURCE})`,
    tolerance: 'float',
    samples: [
      ...scatterAddSamples(), s([f32([3, 5]), ix([3, 4], [4, 0, 4, 4, 1, 3, 1, 1, 2, 2, 2, 0]), f32([3, 4])], { dim: 1, target: 'transposed' }),
      s([f64([3, 4]), ix([2, 4], [2, 0, 2, 0, 2, 1, 2, 2]), f64([2, 4])], { dim: 0, target: 'transposed' }),
    ],
    errors: [
      { label: 'a number as the source', call: () => scatterAdd_(m34(), 0, idx([0]).reshape([1, 1]), 1 as never), error: TypeError, message: 'src must be a Tensor' },
    ],
  }),
  inPlaceEntry('tril_', (_, k) => [k.diagonal], {
    torch: `lambda t, k: ${TORCH_TARGET}.tril_(k.get('diagonal', 0))`,
    samples: [...triangleSamples().filter((x) => x.label === undefined), s([f32([3, 4])], { diagonal: 1, target: 'transposed' }), s([f64([2, 3, 4])], { diagonal: -1, target: 'transposed' })],
    errors: triangleErrors(tril_, 'tril_'),
  }),
  inPlaceEntry('triu_', (_, k) => [k.diagonal], {
    torch: `lambda t, k: ${TORCH_TARGET}.triu_(k.get('diagonal', 0))`,
    samples: [...triangleSamples().filter((x) => x.label === undefined), s([f32([3, 4])], { diagonal: 1, target: 'transposed' }), s([f64([2, 3, 4])], { diagonal: -1, target: 'transposed' })],
    errors: triangleErrors(triu_, 'triu_'),
  }),
];

export const viewEntries: OpEntry[] = [...reshapes, ...joins, ...indexing, ...selection, ...triangles, ...padding, ...inPlaceFunctions];
