// The autograd engine: leaf accumulation, grad() vs backward(), graph lifetime, version counters, grad modes,
// higher-order gradients, errors in PyTorch's words, and memory after backward.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AutogradError, ShapeError, backward, enableGrad, grad, memory, noGrad, ones, randn, tensor, tidy, zeros,
} from '../src/index';

describe('backward() and leaf gradients', () => {
  it('accumulates into .grad across calls and zeroes nothing by itself', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 4, 6]);
    x.mul(3).sum().backward();
    expect(x.grad!.tolist()).toEqual([5, 7, 9]);
  });

  it('.grad never aliases a tensor the caller holds', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const upstream = tensor([1, 1]);
    x.add(0).backward(upstream);
    x.add(0).backward(upstream);
    expect(upstream.tolist()).toEqual([1, 1]);
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });

  it('a gradient for a non-scalar output is required, with the matching shape', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow('grad can be implicitly created only for scalar outputs');
    expect(() => x.mul(2).backward(tensor([1, 1, 1]))).toThrow(ShapeError);
    expect(() => x.mul(2).backward(tensor([1, 1, 1]))).toThrow(/Mismatch in shape: grad_output\[0\] has a shape of torch.Size\(\[3\]\)/);
  });

  it('backward of a tensor that does not require grad throws', () => {
    expect(() => tensor([1, 2]).sum().backward()).toThrow('element 0 of tensors does not require grad and does not have a grad_fn');
  });

  it('retainGrad keeps the gradient of a non-leaf', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.retainGrad();
    y.pow(2).sum().backward();
    expect(y.grad!.tolist()).toEqual([4, 8]);
    expect(x.grad!.tolist()).toEqual([8, 16]);
  });
});

describe('grad()', () => {
  it('returns gradients without touching .grad, for leaves and intermediate tensors', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.exp();
    const out = h.sum();
    const [gx, gh] = grad(out, [x, h], { retainGraph: true });
    expect(gh!.tolist()).toEqual([1, 1, 1]);
    expect(gx!.toTypedArray()).toEqual(h.detach().toTypedArray());
    expect(x.grad).toBeNull();
  });

  it('refuses inputs that do not require grad and unused inputs unless allowUnused', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const unused = tensor([3], { requiresGrad: true });
    expect(() => grad(x.sum(), [tensor([1])])).toThrow('One of the differentiated Tensors does not require grad');
    expect(() => grad(x.sum(), [unused])).toThrow(/appears to not have been used in the graph/);
    expect(grad(x.sum(), [x, unused], { allowUnused: true })[1]).toBeNull();
  });

  it('createGraph gives second derivatives (a Hessian-vector product)', () => {
    const x = tensor([0.5, -1, 2], { dtype: 'float64', requiresGrad: true });
    // f = sum(x^3) -> grad 3x^2 -> Hessian diag(6x); H v with v = [1, 2, 3]
    const [g] = grad(x.pow(3).sum(), [x], { createGraph: true });
    const v = tensor([1, 2, 3], { dtype: 'float64' });
    const [hv] = grad(g!.mul(v).sum(), [x]);
    expect(hv!.tolist()).toEqual([3, -12, 36]);
  });
});

describe('graph lifetime and in-place safety', () => {
  it('a second backward through a freed graph throws PyTorch error; retainGraph allows it', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward(null, { retainGraph: true });
    y.backward();
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
  });

  it('modifying a tensor saved for backward raises the version-counter error', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(1);
    const y = h.sigmoid(); // saves its output
    y.mul_(2);
    expect(() => y.sum().backward()).toThrow(AutogradError);
    const z = x.mul(1);
    const w = z.exp();
    w.add_(1);
    expect(() => w.sum().backward()).toThrow(/modified by an inplace operation: \[torch.FloatTensor \[2\]\].*is at version 1; expected version 0 instead/);
  });

  it('in-place ops on leaves that require grad are refused outside noGrad', () => {
    const p = ones(3, { requiresGrad: true });
    expect(() => p.add_(1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    noGrad(() => p.add_(1));
    expect(p.tolist()).toEqual([2, 2, 2]);
    expect(p.isLeaf).toBe(true);
  });

  it('saved tensors are released after backward: a training-like loop keeps memory() flat', () => {
    const w = randn([16, 16], { requiresGrad: true });
    const step = () =>
      tidy(() => {
        const loss = randn(8, 16).matmul(w).tanh().pow(2).mean();
        loss.backward();
        noGrad(() => w.sub_(w.grad!.mul(0.01)));
      });
    step();
    const before = memory();
    for (let i = 0; i < 50; i++) step();
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
  });
});

describe('grad modes, detach, names', () => {
  it('noGrad records nothing; enableGrad records inside noGrad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(noGrad(() => enableGrad(() => x.mul(2))).requiresGrad).toBe(true);
  });

  it('detach shares storage and leaves the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
  });

  it("grad_fn names are PyTorch's and printing shows them", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(x.mul(2).gradFn!.name()).toBe('MulBackward0');
    expect(x.sum().gradFn!.name()).toBe('SumBackward0');
    expect(String(x.sigmoid())).toBe('tensor([0.7311, 0.8808], grad_fn=<SigmoidBackward0>)');
    expect(String(x)).toBe('tensor([1., 2.], requires_grad=True)');
    expect(inspect(x)).toBe(String(x));
  });

  it('only floating point tensors can require grad; non-leaves cannot be made not to', () => {
    expect(() => zeros(2, { dtype: 'int32' }).requiresGrad_()).toThrow(/only Tensors of floating point dtype can require gradients/);
    const y = tensor([1], { requiresGrad: true }).mul(2);
    expect(() => y.requiresGrad_(false)).toThrow(/you can only change requires_grad flags of leaf variables/);
  });
});

describe('backward over several roots (torch.autograd.backward)', () => {
  it('sums the contributions of every root, each with its own upstream gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    backward([x.mul(3).sum(), x.pow(2)], [null, tensor([1, 10])]);
    expect(x.grad!.tolist()).toEqual([3 + 2, 3 + 40]);
  });
});
