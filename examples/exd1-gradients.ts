// ExD.1: gradients through a chain of ops, exactly as on the exercise sheet, then why they are useless and how a
// length scale makes them useful for minimising o4 by gradient descent.
import { grad, manualSeed, optim, randn, tensor, tidy, type Tensor } from 'wasmgrad';

// --- The sheet, line by line -------------------------------------------------------------------------------
manualSeed(123);
const y = randn([10, 3], { requiresGrad: true }); // y_i's with respect to which we need gradients
const x = tensor([8, 3, 4]); //                      x

const o1 = y.pow(2);
const o2 = x.sub(o1).norm(2, 1).pow(2).neg().exp(); // torch.exp(-(x-o1).norm(dim=1, p=2)**2)
const o3 = o2.sum();
const o4 = o3.sigmoid();

const g = grad(o4, [y]);
console.log(String(g[0]));

// --- Why these gradients are useless -----------------------------------------------------------------------
// d_i = ||x - y_i^2||^2 is between about 40 and 90 for these points (x = [8, 3, 4] is far from every y_i^2, since
// the y_i are standard normal). exp(-d_i) is then 1e-18 ... 1e-39: o3 is essentially 0, o4 sits at sigmoid(0) = 0.5,
// and every path of the chain rule carries the factor exp(-d_i). The gradients are 1e-13 at best and mostly near
// the float32 underflow limit (1.2e-38, below which values go subnormal and then to exactly 0): no step size makes
// gradient descent move. Nothing is wrong with autograd or with differentiating "only w.r.t. y" (x is a constant);
// the function is flat to machine precision where we evaluate it.
const distances = x.sub(o1).norm(2, 1).pow(2);
const dist = Array.from(distances.toTypedArray());
console.log(`\nsquared distances d_i: min ${Math.min(...dist).toFixed(1)}, max ${Math.max(...dist).toFixed(1)}`);
console.log(`exp(-d_i): from ${Math.exp(-Math.max(...dist)).toExponential(2)} to ${Math.exp(-Math.min(...dist)).toExponential(2)}`);
console.log(`largest |gradient| entry: ${maxAbs(g[0]!).toExponential(4)}`);

// --- Useful gradients: a length scale sigma ----------------------------------------------------------------
// o2_i = exp(-d_i / sigma) with sigma of the order of the distances keeps every factor of order one. Minimising
// o4 by gradient descent then pushes each y_i^2 away from x, and o4 decreases towards its infimum sigmoid(0) = 0.5.
const sigma = 100;
manualSeed(123);
const yy = randn([10, 3], { requiresGrad: true });
const opt = new optim.SGD([yy], { lr: 10 });
console.log(`\ngradient descent on o4 = sigmoid(sum_i exp(-d_i / ${sigma})), SGD with lr = 10:`);
for (let step = 0; step < 50; step++) {
  tidy(() => {
    opt.zeroGrad();
    const o4s = x.sub(yy.pow(2)).norm(2, 1).pow(2).div(sigma).neg().exp().sum().sigmoid();
    o4s.backward();
    if (step % 10 === 0 || step === 49) {
      console.log(`step ${String(step).padStart(2)}: o4 = ${o4s.item().toFixed(6)}, max |grad| = ${maxAbs(yy.grad!).toExponential(3)}`);
    }
    opt.step();
  });
}

function maxAbs(t: Tensor): number {
  return Math.max(...Array.from(t.toTypedArray() as Float32Array, Math.abs));
}
