// gradcheck / gradgradcheck: analytic vector-Jacobian products against central finite differences, as
// torch.autograd.gradcheck does (float64 inputs, eps 1e-6, atol 1e-5, rtol 1e-3).
import { elementsOf } from '../backend/elements';
import { AutogradError, DTypeError } from '../errors';
import { tensor } from '../creation/factories';
import { tidy } from '../lifetime';
import { Tensor } from '../tensor';
import { grad } from './engine';
import { enableGrad, noGrad } from './grad-mode';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw a GradcheckError describing the first mismatch (default) instead of returning false. */
  raiseException?: boolean;
}

export class GradcheckError extends AutogradError {
  constructor(message: string) {
    super(message);
    this.name = 'GradcheckError';
  }
}

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];

function asList(out: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(out) ? out : [out];
}

/** Flattened float64 values of every output, evaluated without recording. */
function evaluate(fn: Fn, inputs: Tensor[]): Float64Array[] {
  return noGrad(() => tidy(() => asList(fn(...inputs)).map((o) => Float64Array.from(o.toTypedArray() as Float64Array))));
}

/**
 * Numerical Jacobian of each output w.r.t. each differentiable input by central differences:
 * J[o][i] is an (outputNumel x inputNumel) row-major matrix.
 */
function numericalJacobian(fn: Fn, inputs: Tensor[], eps: number): Float64Array[][] {
  const outputs = evaluate(fn, inputs);
  return outputs.map((_, o) =>
    inputs.map((x) => {
      if (!x.requiresGrad) return new Float64Array(0);
      const n = x.numel();
      const jac = new Float64Array(outputs[o].length * n);
      for (let k = 0; k < n; k++) {
        const original = readElement(x, k);
        writeElement(x, k, original + eps);
        const plus = evaluate(fn, inputs)[o];
        writeElement(x, k, original - eps);
        const minus = evaluate(fn, inputs)[o];
        writeElement(x, k, original);
        for (let r = 0; r < plus.length; r++) jac[r * n + k] = (plus[r] - minus[r]) / (2 * eps);
      }
      return jac;
    }),
  );
}

// Perturbations write straight into the input's memory (inputs are contiguous float64 leaves, checked below), so
// the graph and version counters of the real computation are not involved.
function readElement(x: Tensor, k: number): number {
  return elementsOf(x)[k];
}
function writeElement(x: Tensor, k: number, v: number): void {
  elementsOf(x)[k] = v;
}

/** Analytic Jacobian rows by one vector-Jacobian product per output element. */
function analyticalJacobian(fn: Fn, inputs: Tensor[]): Float64Array[][] {
  return tidy(() => {
    const outputs = asList(fn(...inputs));
    const differentiable = inputs.filter((x) => x.requiresGrad);
    return outputs.map((out) => {
      const m = out.numel();
      const jacs = inputs.map((x) => new Float64Array(x.requiresGrad ? m * x.numel() : 0));
      if (!out.requiresGrad) return jacs;
      for (let r = 0; r < m; r++) {
        const oneHot = new Float64Array(m);
        oneHot[r] = 1;
        const upstream = tensor(oneHot, { dtype: out.dtype }).reshape(out.shape);
        const grads = grad(out, differentiable, { gradOutputs: upstream, retainGraph: true, allowUnused: true });
        let k = 0;
        inputs.forEach((x, i) => {
          if (!x.requiresGrad) return;
          const g = grads[k++];
          if (g === null) return;
          const values = g.toTypedArray();
          const n = x.numel();
          for (let c = 0; c < n; c++) jacs[i][r * n + c] = values[c];
        });
      }
      return jacs;
    });
  });
}

function checkInputs(inputs: Tensor[]): void {
  if (!inputs.some((x) => x.requiresGrad)) throw new GradcheckError('gradcheck expects at least one input tensor to require gradient');
  for (const x of inputs) {
    if (x.requiresGrad && (x.dtype !== 'float64' || !x.isContiguous() || !x.isLeaf)) {
      throw new DTypeError(
        `gradcheck expects contiguous float64 leaf inputs that require grad (got ${x.dtype}, contiguous=${x.isContiguous()}, leaf=${x.isLeaf}); finite differences in float32 are too coarse`,
      );
    }
  }
}

/** torch.autograd.gradcheck: true when analytic and numerical Jacobians agree within atol + rtol * |numerical|. */
export function gradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true } = options;
  checkInputs(inputs);
  const numerical = numericalJacobian(fn, inputs, eps);
  const analytical = analyticalJacobian(fn, inputs);
  for (let o = 0; o < numerical.length; o++) {
    for (let i = 0; i < inputs.length; i++) {
      const num = numerical[o][i];
      const ana = analytical[o][i];
      for (let e = 0; e < num.length; e++) {
        if (!(Math.abs(ana[e] - num[e]) <= atol + rtol * Math.abs(num[e]))) {
          if (!raiseException) return false;
          throw new GradcheckError(
            `Jacobian mismatch for output ${o} with respect to input ${i},\nnumerical:${formatMatrix(num, inputs[i].numel())}\nanalytical:${formatMatrix(ana, inputs[i].numel())}\nfirst difference at flat entry ${e}: numerical ${num[e]}, analytical ${ana[e]}`,
          );
        }
      }
    }
  }
  return true;
}

function formatMatrix(values: Float64Array, cols: number): string {
  const rows: string[] = [];
  for (let r = 0; r * cols < values.length && r < 8; r++) rows.push(Array.from(values.subarray(r * cols, Math.min((r + 1) * cols, r * cols + 8)), (v) => v.toPrecision(6)).join(', '));
  return '\n' + rows.join('\n');
}

/**
 * torch.autograd.gradgradcheck: gradcheck of the vector-Jacobian product itself (second derivatives through
 * createGraph), with fixed random-free upstream gradients (ones scaled by position, so every entry matters).
 */
export function gradgradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): boolean {
  checkInputs(inputs);
  const outputs = noGrad(() => asList(fn(...inputs)));
  const upstream = outputs.map((o) => {
    const n = o.numel();
    const values = Float64Array.from({ length: n }, (_, k) => 0.5 + (k % 7) / 7);
    const u = tensor(values, { dtype: 'float64' }).reshape(o.shape).requiresGrad_(true);
    // An output may be an input itself (an op that returns its argument unchanged).
    if (!inputs.includes(o)) o.dispose();
    return u;
  });
  const differentiableCount = inputs.filter((x) => x.requiresGrad).length;
  // The vector-Jacobian product needs a graph even when gradcheck evaluates it for finite differences (under noGrad).
  const vjp: Fn = (...args: Tensor[]) =>
    enableGrad(() => {
      const xs = args.slice(0, inputs.length);
      const us = args.slice(inputs.length);
      const outs = asList(fn(...xs));
      const grads = grad(outs, xs.filter((x) => x.requiresGrad), { gradOutputs: us, createGraph: true, allowUnused: true });
      return grads.map((g, i) => g ?? xs.filter((x) => x.requiresGrad)[i].mul(0));
    });
  try {
    return gradcheck(vjp, [...inputs, ...upstream], options) && differentiableCount > 0;
  } finally {
    for (const u of upstream) u.dispose();
  }
}
