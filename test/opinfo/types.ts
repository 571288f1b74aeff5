// The op database's vocabulary: one OpEntry per public op, with its sample inputs, dtypes, gradient support,
// in-place variant and error inputs. test/opinfo.test.ts runs the same batteries over every entry.
import type { DType, Tensor } from '../../src/index';

/** Values for a generated input: a uniform range, or a named domain that keeps an op away from its poles. */
export type Domain =
  | readonly [low: number, high: number]
  | 'positive' // (0.5, 2.5): log, sqrt, reciprocal, pow bases
  | 'unit' // (-0.9, 0.9): asin, atanh
  | 'index' // integers in [0, size of the indexed dim): filled in by the sample through `values`
  | 'mask'; // booleans, about half true

export interface InputSpec {
  shape: readonly number[];
  dtype: DType;
  /** Default: (-2, 2) for floats, [-5, 5] for int32, half true for bool. */
  domain?: Domain;
  /** Exact values (row-major); overrides the domain (index tensors, special values). */
  values?: readonly number[];
  /** Whether the gradient batteries differentiate this input (default: every float input of a differentiable op). */
  grad?: boolean;
}

/** One call: tensor inputs plus the op's other arguments (dims, options, scalars), passed to `call` and `torch`. */
export interface Sample {
  inputs: readonly InputSpec[];
  /** Non-tensor arguments, JSON values: given to the entry's `call` and, as `k`, to its `torch` lambda. */
  args?: Record<string, unknown>;
  /** Shown in test names; default: the inputs' shapes and dtypes. */
  label?: string;
  /**
   * A known bug this sample shows, being fixed: the batteries expect the sample to fail, and fail themselves
   * once it passes, so the mark goes with the fix.
   */
  pending?: string;
  /**
   * A documented difference from PyTorch (README, "Known differences from PyTorch"): checked like a pending
   * sample, so the note goes if the difference does.
   */
  differs?: string;
}

export type OpResult = Tensor | readonly Tensor[] | number | boolean;

export interface ErrorInput {
  label: string;
  call: () => unknown;
  error: abstract new (...args: never[]) => Error;
  /** A fragment of the message: what was given and what was expected. */
  message: string | RegExp;
}

export interface OpEntry {
  /** The export's path: 'add', 'nn.functional.conv2d', 'linalg.svd', 'einops.rearrange'. */
  name: string;
  /** Runs the op on tensors built from a sample. */
  call: (inputs: Tensor[], args: Record<string, unknown>) => OpResult;
  /**
   * The same call in PyTorch: a Python lambda of the input tensors `t` (a list) and the arguments `k` (a dict),
   * for the reference generator (test/fixtures/opinfo/gen_reference.py). null: no PyTorch counterpart; the
   * entry then names `reference`, a float64 JavaScript implementation, instead.
   */
  torch: string | null;
  reference?: (inputs: Tensor[], args: Record<string, unknown>) => OpResult;
  samples: readonly Sample[];
  /** Differentiable with respect to its float inputs: gradients against PyTorch and a float64 gradcheck. */
  grad?: boolean;
  /** Second-order gradients exist: gradgradcheck on the float64 samples. */
  gradgrad?: boolean;
  /**
   * The in-place variant (`x.name_(...)`): checked equal to the out-of-place result on every sample whose first
   * input already has the result's shape and dtype.
   */
  inplace?: (inputs: Tensor[], args: Record<string, unknown>) => Tensor;
  /** Method form `x.name(...)` checked equal to the function form (default: true when the op has a method). */
  method?: (inputs: Tensor[], args: Record<string, unknown>) => OpResult;
  /** Tolerance class: 'exact' for data movement, 'float' for arithmetic (default), 'sum' for reductions of K terms. */
  tolerance?: 'exact' | 'float' | 'sum';
  /** Nondeterministic ops (random draws) skip the reference battery and name what they check instead. */
  random?: true;
  /** Skip the non-contiguous battery (the op takes no tensor inputs, or its inputs must be contiguous by contract). */
  contiguousOnly?: string;
  errors?: readonly ErrorInput[];
}
