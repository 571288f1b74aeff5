// ops.json cases served by the elementwise ops (src/ops/elementwise).
import {
  add, atan2, clamp, div, elu, gelu, leakyRelu, maximum, minimum, mul, pow, relu, rsub, silu, softplus, sub, where,
} from '../../src/ops/elementwise';
import type { Tensor } from '../../src/index';
import type { CaseTable, OpCase } from './types';

/** The four broadcasting layouts of gen.py's binary cases (same, row, col, 3d) share one function. */
function binaryCases(name: string, fn: (a: Tensor, b: Tensor) => Tensor): CaseTable {
  const run: OpCase = ([a, b]) => fn(a, b);
  return { [`${name}_same`]: run, [`${name}_bcast_row`]: run, [`${name}_bcast_col`]: run, [`${name}_bcast_3d`]: run };
}

export const elementwiseCases: CaseTable = {
  neg: ([x]) => x.neg(),
  exp: ([x]) => x.exp(),
  log: ([x]) => x.log(),
  sqrt: ([x]) => x.sqrt(),
  rsqrt: ([x]) => x.rsqrt(),
  abs: ([x]) => x.abs(),
  sigmoid: ([x]) => x.sigmoid(),
  tanh: ([x]) => x.tanh(),
  relu: ([x]) => relu(x),
  sin: ([x]) => x.sin(),
  cos: ([x]) => x.cos(),
  reciprocal: ([x]) => x.reciprocal(),
  log1p: ([x]) => x.log1p(),
  expm1: ([x]) => x.expm1(),
  square: ([x]) => x.square(),
  softplus: ([x]) => softplus(x),
  gelu: ([x]) => gelu(x),
  gelu_tanh: ([x]) => gelu(x, 'tanh'),
  silu: ([x]) => silu(x),
  elu: ([x]) => elu(x),
  'leaky_relu_0.1': ([x]) => leakyRelu(x, 0.1),
  'clamp_m0.5_0.7': ([x]) => clamp(x, -0.5, 0.7),
  atan: ([x]) => x.atan(),
  asin: ([x]) => x.asin(),
  erf: ([x]) => x.erf(),
  sign: ([x]) => x.sign(),
  floor: ([x]) => x.floor(),
  round: ([x]) => x.round(),
  exp_f64: ([x]) => x.exp(),
  sigmoid_f64: ([x]) => x.sigmoid(),
  ...binaryCases('add', add),
  ...binaryCases('sub', sub),
  ...binaryCases('mul', mul),
  ...binaryCases('div', div),
  ...binaryCases('maximum', maximum),
  ...binaryCases('minimum', minimum),
  ...binaryCases('atan2', atan2),
  add_scalar: ([x]) => x.add(2.5),
  rsub_scalar: ([x]) => rsub(x, 1),
  mul_scalar: ([x]) => x.mul(-3),
  rdiv_scalar: ([x]) => div(2, x),
  pow_2: ([x]) => x.pow(2),
  pow_3: ([x]) => x.pow(3),
  'pow_0.5': ([x]) => x.pow(0.5),
  'pow_m1.5': ([x]) => x.pow(-1.5),
  pow_tensor: ([a, b]) => pow(a, b),
  rpow_scalar: ([x]) => pow(2, x),
  where: ([a, b]) => where(a.gt(0), a, b),
  masked_fill: ([x]) => x.maskedFill(x.lt(0), 0.5),
};
