// ExD.2: the Lipschitz constant of nn.Linear(100, 45) from its singular values, and a function that enforces a
// chosen constant.
import { linalg, manualSeed, nn, noGrad } from 'wasmgrad';

manualSeed(1234);
// (1) initialize the linear layer in the configurations specified above
const ll = new nn.Linear(100, 45, { bias: false });

// (2) compute Lipschitz constant (L)
const { S } = linalg.svd(ll.weight);
const L = S.max();
console.log(`L(f): ${L.item().toFixed(3)}`);

/**
 * Reconfigures f's weight so that its Lipschitz constant (largest singular value) is at most `target`.
 * The sheet's version replaces the singular values above the target with random values; clipping them is the
 * deterministic form of the same idea and changes the map as little as possible in the spectral norm:
 * W' = U diag(min(S, L')) Vh. (Scaling W by L'/max(S) is the other common choice; it keeps the shape of the map.)
 */
function constrain(f: InstanceType<typeof nn.Linear>, target: number): void {
  if (!(target >= 0)) throw new RangeError(`constrain: the Lipschitz constant must be >= 0, got ${target}`);
  noGrad(() => {
    const { U, S: s, Vh } = linalg.svd(f.weight, { fullMatrices: false });
    const current = s.max().item();
    console.log(`Target Lipschitz-constant is ${target.toFixed(3)}`);
    if (current <= target) {
      console.log('The weight matrix already satisfies the Lipschitz-constant.');
      return;
    }
    console.log(`Current Lipschitz-constant ${current.toFixed(3)} is too large.`);
    f.weight.copy_(U.mul(s.clamp({ max: target }).unsqueeze(0)).matmul(Vh));
  });
}

constrain(ll, 0.894);
// Test
constrain(ll, 0.894);
console.log(`L(f) after constrain: ${linalg.matrixNorm(ll.weight, 2).item().toFixed(3)}`);
