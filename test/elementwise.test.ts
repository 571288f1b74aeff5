// Elementwise ops at the API level: PyTorch's type promotion, integer and bool semantics, comparisons, where and
// maskedFill, in-place semantics (version counter, leaf refusal, casting rules) and error messages.
import { describe, expect, it } from 'vitest';
import { AutogradError, grad, noGrad, tensor, tidy, zeros, type NestedArray, type Tensor } from '../src/index';
import '../src/ops/reduce';
import {
  add, clamp, div, eq, exp, floorDivide, fmod, gelu, gt, logicalAnd, logicalNot, logicalOr, logicalXor, lt, maskedFill,
  maximum, mul, ne, neg, pow, remainder, rsub, sub, where,
} from '../src/ops/elementwise';

const i32 = (v: NestedArray) => tensor(v, { dtype: 'int32' });
const f64 = (v: NestedArray) => tensor(v, { dtype: 'float64' });
const bool = (v: NestedArray) => tensor(v, { dtype: 'bool' });
/** The elements of a tensor as a flat number array. */
const flat = (t: Tensor): number[] => Array.from(t.toTypedArray() as ArrayLike<number>);

describe('type promotion (torch.result_type)', () => {
  // [left operand, right operand, result dtype]; 0-d tensors and scalars only promote across categories.
  const cases: [() => Tensor | number | boolean, () => Tensor | number | boolean, string][] = [
    [() => bool([true, false]), () => true, 'bool'],
    [() => bool([true, false]), () => 2, 'int32'],
    [() => bool([true, false]), () => 2.5, 'float32'],
    [() => i32([1, 2]), () => true, 'int32'],
    [() => i32([1, 2]), () => 3, 'int32'],
    [() => i32([1, 2]), () => 2.5, 'float32'],
    [() => tensor([1, 2]), () => true, 'float32'],
    [() => tensor([1, 2]), () => 3, 'float32'],
    [() => tensor([1, 2]), () => 2.5, 'float32'],
    [() => f64([1, 2]), () => true, 'float64'],
    [() => f64([1, 2]), () => 3, 'float64'],
    [() => f64([1, 2]), () => 2.5, 'float64'],
    [() => 2.5, () => i32([1, 2]), 'float32'],
    [() => bool([true]), () => i32([1]), 'int32'],
    [() => i32([1]), () => tensor([1]), 'float32'],
    [() => tensor([1]), () => f64([1]), 'float64'],
    [() => bool([true]), () => f64([1]), 'float64'],
    [() => f64(1), () => tensor([1, 2]), 'float32'], // 0-d float64 does not widen a float32 vector
    [() => f64(1), () => i32([1, 2]), 'float64'], // but a higher category wins
    [() => tensor(1), () => f64(2), 'float64'], // two 0-d tensors promote normally
    [() => i32(1), () => 2.5, 'float32'],
  ];
  for (const [a, b, want] of cases) {
    it(`${label(a())} + ${label(b())} -> ${want}`, () => {
      tidy(() => expect(add(a(), b()).dtype).toBe(want));
    });
  }

  it('true division of integers gives the default float dtype; rounding modes keep int32', () => {
    tidy(() => {
      expect(div(i32([7, -7]), 2).tolist()).toEqual([3.5, -3.5]);
      expect(div(i32([7, -7]), 2).dtype).toBe('float32');
      expect(div(i32([7, -7]), 2, { roundingMode: 'floor' }).dtype).toBe('int32');
      expect(floorDivide(i32([7]), i32([2])).dtype).toBe('int32');
    });
  });

  it('floating-point math of integer and bool tensors computes in float32; neg/abs/sign/floor keep integers', () => {
    tidy(() => {
      expect(exp(i32([0, 1])).dtype).toBe('float32');
      expect(bool([true, false]).sqrt().tolist()).toEqual([1, 0]);
      expect(i32([-2, 3]).neg().tolist()).toEqual([2, -3]);
      expect(i32([-2, 3]).abs().dtype).toBe('int32');
      expect(i32([-2, 0, 3]).sign().tolist()).toEqual([-1, 0, 1]);
      expect(i32([-2, 3]).floor().dtype).toBe('int32');
      expect(i32([-2, 3]).square().tolist()).toEqual([4, 9]);
      expect(i32([-2, 3]).relu().tolist()).toEqual([0, 3]);
    });
  });

  it('pow keeps integers for integer exponents and promotes for float ones', () => {
    tidy(() => {
      expect(pow(i32([2, 3]), 3).tolist()).toEqual([8, 27]);
      expect(pow(i32([4, 9]), 0.5).dtype).toBe('float32');
      expect(pow(2, i32([1, 2, 10])).tolist()).toEqual([2, 4, 1024]);
      expect(pow(2.5, i32([1, 2])).dtype).toBe('float32');
      expect(pow(i32([2, 1, -1, 3]), i32([-1, -5, -3, 0])).tolist()).toEqual([0, 1, -1, 1]);
    });
  });

  it('clamp participates in type promotion; comparisons compute in the promoted type', () => {
    tidy(() => {
      expect(clamp(i32([-3, 0, 3]), 0.5).dtype).toBe('float32');
      expect(clamp(i32([-3, 0, 3]), -1, 1).tolist()).toEqual([-1, 0, 1]);
      expect(lt(i32([0, 1, 2, 3]), 2.5).tolist()).toEqual([true, true, true, false]);
      expect(gt(tensor([0.1]), 0.1).tolist()).toEqual([false]); // 0.1 is rounded to float32 like the tensor
    });
  });
});

function label(x: Tensor | number | boolean): string {
  if (typeof x !== 'object') return `${typeof x} ${x}`;
  return `${x.dtype}${x.ndim === 0 ? ' 0-d' : ''}`;
}

describe('integer and bool arithmetic', () => {
  it('int32 add and mul wrap around like C++ int', () => {
    tidy(() => {
      expect(add(i32([2147483647]), 1).tolist()).toEqual([-2147483648]);
      expect(mul(i32([65536]), 65536).tolist()).toEqual([0]);
      expect(sub(i32([5, -5]), i32([7, 7]), { alpha: 2 }).tolist()).toEqual([-9, -19]);
    });
  });

  it('floor/trunc division and both modulo flavours follow Python and C', () => {
    tidy(() => {
      const a = i32([-7, 7, -7, 7]);
      const b = i32([2, 2, -2, -2]);
      expect(div(a, b, { roundingMode: 'floor' }).tolist()).toEqual([-4, 3, 3, -4]);
      expect(div(a, b, { roundingMode: 'trunc' }).tolist()).toEqual([-3, 3, 3, -3]);
      expect(remainder(a, b).tolist()).toEqual([1, 1, -1, -1]);
      expect(fmod(a, b).tolist()).toEqual([-1, 1, -1, 1]);
      const fa = tensor([-7.5, 7.5, -7.5, 7.5, 5.0]);
      const fb = tensor([2, 2, -2, -2, 0]);
      expect(div(fa, fb, { roundingMode: 'floor' }).tolist()).toEqual([-4, 3, 3, -4, Infinity]);
      expect(flat(remainder(fa, fb)).slice(0, 4)).toEqual([0.5, 1.5, -1.5, -0.5]);
      expect(flat(fmod(fa, fb)).slice(0, 4)).toEqual([-1.5, 1.5, -1.5, 1.5]);
      expect(div(i32([-2147483648]), -1, { roundingMode: 'trunc' }).tolist()).toEqual([-2147483648]);
    });
  });

  it('integer division or modulo by zero throws ZeroDivisionError; float division gives infinities', () => {
    tidy(() => {
      expect(() => div(i32([1, 2]), i32([1, 0]), { roundingMode: 'floor' })).toThrow('ZeroDivisionError');
      expect(() => remainder(i32([1]), 0)).toThrow('ZeroDivisionError');
      expect(() => fmod(i32([1, 2]).expand(3, 2), i32([0, 1]))).toThrow('ZeroDivisionError');
      expect(div(tensor([1, -1, 0]), 0).tolist()).toEqual([Infinity, -Infinity, NaN]);
      expect(() => pow(i32([2]), -1)).toThrow('Integers to negative integer powers are not allowed.');
    });
  });

  it('bool add is or, mul is and, maximum/minimum are or/and; subtraction and negation are refused', () => {
    tidy(() => {
      const a = bool([true, true, false, false]);
      const b = bool([true, false, true, false]);
      expect(add(a, b).tolist()).toEqual([true, true, true, false]);
      expect(mul(a, b).tolist()).toEqual([true, false, false, false]);
      expect(maximum(a, b).dtype).toBe('bool');
      expect(() => sub(a, b)).toThrow(
        'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
      );
      expect(() => neg(a)).toThrow('Negation, the `-` operator, on a bool tensor is not supported.');
    });
  });
});

describe('comparisons and logical ops', () => {
  it('give bool tensors with IEEE NaN semantics; scalars on either side', () => {
    tidy(() => {
      const x = tensor([NaN, -0, 1, 2]);
      expect(eq(x, x).tolist()).toEqual([false, true, true, true]);
      expect(ne(x, NaN).tolist()).toEqual([true, true, true, true]);
      expect(eq(x, 0).tolist()).toEqual([false, true, false, false]);
      expect(lt(1, x).tolist()).toEqual([false, false, false, true]);
      expect(x.ge(1).dtype).toBe('bool');
      expect(x.le(f64([1])).tolist()).toEqual([false, true, true, false]);
      expect(bool([true, false]).gt(bool([false, false])).tolist()).toEqual([true, false]);
    });
  });

  it('logical ops read any dtype as x != 0 (NaN is true)', () => {
    tidy(() => {
      expect(logicalNot(tensor([0, NaN, 2])).tolist()).toEqual([true, false, false]);
      expect(logicalNot(bool([true, false])).tolist()).toEqual([false, true]);
      expect(logicalAnd(i32([0, 1, 2]), tensor([1, 1, 0])).tolist()).toEqual([false, true, false]);
      expect(logicalOr(i32([0, 0, 2]), false).tolist()).toEqual([false, false, true]);
      expect(logicalXor(bool([true, false]), bool([[true], [false]])).tolist()).toEqual([[false, true], [true, false]]);
    });
  });
});

describe('where and maskedFill', () => {
  it('where broadcasts condition and both branches, accepts scalars, and promotes', () => {
    tidy(() => {
      const cond = bool([[true], [false]]);
      expect(where(cond, tensor([1, 2, 3]), 0).tolist()).toEqual([[1, 2, 3], [0, 0, 0]]);
      expect(where(cond, i32([1, 2]), 2.5).dtype).toBe('float32');
      expect(where(cond, 1, 0).dtype).toBe('int32');
      expect(where(cond, 1.5, 0).tolist()).toEqual([[1.5], [0]]);
      expect(tensor([1, 2]).where(bool([false, true]), f64([9])).tolist()).toEqual([9, 2]);
      expect(() => where(tensor([1]), 1, 0)).toThrow('where expected condition to be a boolean tensor, but got a tensor with dtype Float');
    });
  });

  it('maskedFill broadcasts the mask over the input and keeps its dtype', () => {
    tidy(() => {
      const x = i32([[1, 2], [3, 4]]);
      expect(maskedFill(x, bool([true, false]), 7).tolist()).toEqual([[7, 2], [7, 4]]);
      expect(maskedFill(tensor([1, 2]), bool([false, true]), f64(0.5)).tolist()).toEqual([1, 0.5]);
      expect(() => maskedFill(x, tensor([1, 0]), 0)).toThrow('masked_fill_ only supports boolean masks');
      expect(() => maskedFill(x, bool([true]), tensor([1, 2]))).toThrow(
        'masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).',
      );
      expect(() => maskedFill(tensor([1, 2]), bool([[true, false]]).expand(3, 2), 0)).toThrow('cannot be broadcast');
    });
  });
});

describe('in-place ops', () => {
  it('write into the tensor, return it and bump its version counter', () => {
    tidy(() => {
      const x = tensor([1, 2, 3]);
      const v = x._storage.version;
      expect(x.add_(1)).toBe(x);
      expect(x.tolist()).toEqual([2, 3, 4]);
      x.mul_(tensor([2, 2, 2])).sub_(1, { alpha: 2 }).clamp_(0, 5).exp_().log_();
      expect(flat(x).map(Math.round)).toEqual([2, 4, 5]);
      expect(x._storage.version).toBe(v + 6);
      x.zero_();
      expect(x.tolist()).toEqual([0, 0, 0]);
      x.fill_(f64(2.5)).maskedFill_(bool([true, false, false]), -1);
      expect(x.tolist()).toEqual([-1, 2.5, 2.5]);
    });
  });

  it('work through strided views of the same storage', () => {
    tidy(() => {
      const x = zeros(3, 4);
      x.t().add_(tensor([1, 2, 3]));
      expect(x.tolist()).toEqual([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]]);
      x.slice(1, 0, null, 2).fill_(9);
      expect(flat(x.select(0, 0))).toEqual([9, 1, 9, 1]);
      x.select(0, 2).neg_();
      expect(flat(x.select(0, 2))).toEqual([-9, -3, -9, -3]);
      const y = tensor([1, 2, 3, 4]);
      y.add_(y.flip(0)); // reads the aliased input before writing
      expect(y.tolist()).toEqual([5, 5, 5, 5]);
    });
  });

  it('refuse leaves that require grad (except under noGrad) with PyTorch\'s message', () => {
    tidy(() => {
      const w = tensor([1, 2], { requiresGrad: true });
      expect(() => w.add_(1)).toThrow(AutogradError);
      expect(() => w.mul_(2)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
      expect(() => w.fill_(0)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
      noGrad(() => w.sub_(tensor([0.5, 0.5])));
      expect(w.tolist()).toEqual([0.5, 1.5]);
      expect(w.isLeaf).toBe(true);
    });
  });

  it('refuse results that cannot be cast back and shapes that broadcasting would grow', () => {
    tidy(() => {
      expect(() => i32([1]).add_(1.5)).toThrow("result type Float can't be cast to the desired output type Int");
      expect(() => i32([1]).exp_()).toThrow("result type Float can't be cast to the desired output type Int");
      expect(() => bool([true]).add_(1)).toThrow("result type Int can't be cast to the desired output type Bool");
      expect(() => zeros(3).add_(zeros(2, 3))).toThrow("output with shape [3] doesn't match the broadcast shape [2, 3]");
      const x = tensor([1, 2]);
      x.add_(f64([0.25, 0.5]));
      expect(x.dtype).toBe('float32');
      expect(x.tolist()).toEqual([1.25, 2.5]);
    });
  });

  it('on non-leaf tensors record the op and differentiate with the original values', () => {
    tidy(() => {
      const a = f64([1, 2, 3]).requiresGrad_(true);
      const b = f64([4, 5, 6]).requiresGrad_(true);
      const y = a.mul(1);
      y.mul_(b);
      expect(y.gradFn!.name()).toBe('MulBackward0');
      const [ga, gb] = grad(y.sum(), [a, b]);
      expect(ga!.tolist()).toEqual([4, 5, 6]);
      expect(gb!.tolist()).toEqual([1, 2, 3]); // d/db (a * b) uses a before the in-place write
      const z = a.add(0);
      z.exp_().sigmoid_();
      expect(z.gradFn!.name()).toBe('SigmoidBackward0');
      const [gz] = grad(z.sum(), [a]);
      const e = [1, 2, 3].map(Math.exp);
      flat(gz!).forEach((g, i) => {
        const s = 1 / (1 + Math.exp(-e[i]));
        expect(g).toBeCloseTo(s * (1 - s) * e[i], 12);
      });
    });
  });

  it('a tensor that does not require grad joins the graph when the other operand does', () => {
    tidy(() => {
      const w = f64([2, 3]).requiresGrad_(true);
      const x = f64([1, 1]);
      x.add_(w, { alpha: 3 });
      expect(x.isLeaf).toBe(false);
      expect(x.gradFn!.name()).toBe('AddBackward0');
      expect(grad(x.sum(), [w])[0]!.tolist()).toEqual([3, 3]);
    });
  });

  it('modifying a tensor saved for backward is detected', () => {
    tidy(() => {
      const a = f64([0.5]).requiresGrad_(true);
      const s = a.mul(2).sigmoid(); // SigmoidBackward0 saves its result
      s.add_(1);
      expect(() => grad(s.sum(), [a])).toThrow('modified by an inplace operation');
    });
  });
});

describe('error messages', () => {
  it('name both sizes when shapes do not broadcast', () => {
    tidy(() => {
      expect(() => add(zeros(2, 3), zeros(2, 4))).toThrow(
        'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
      );
      expect(() => where(bool([true, false, true]), zeros(2), 0)).toThrow(
        'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0',
      );
    });
  });

  it('say what was given and what was expected', () => {
    tidy(() => {
      expect(() => add(1, 2)).toThrow('add(): expected at least one Tensor argument, got two scalars');
      expect(() => clamp(zeros(2))).toThrow("torch.clamp: At least one of 'min' or 'max' must not be None");
      expect(() => div(zeros(2), 1, { roundingMode: 'round' as 'floor' })).toThrow(
        "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'",
      );
      expect(() => gelu(zeros(2), 'erf' as 'tanh')).toThrow("approximate argument must be either none or tanh (got 'erf')");
      expect(() => i32([1]).leakyRelu()).toThrow(`"leaky_relu" not implemented for 'Int'`);
      expect(() => add(zeros(2), 'x' as unknown as number)).toThrow('expected a Tensor, number or boolean operand, got string');
      expect(() => rsub(bool([true]), bool([false]))).toThrow('Subtraction, the `-` operator, with two bool tensors is not supported.');
    });
  });
});
