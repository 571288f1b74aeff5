// The exercise sheet (seed_exercises.json, PyTorch 2.11): ExD.1's gradients and their printed form, ExD.2's
// Lipschitz constant and its enforcement, ExD.3's patch embedding with its gradients; then the example programs
// themselves, run as a user runs them, must print what PyTorch prints.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { grad, linalg, manualSeed, nn, optim, randn, rearrange, tensor, tidy, type Tensor } from '../src/index';
import { compareTensor, fixtureValues, fromFixture, loadFixture, type FixtureTensor } from './support/fixtures';

type Fx = Record<string, FixtureTensor & Record<string, unknown>>;
const seed = loadFixture<{ exd1: Fx; exd2: Fx; exd3: Fx }>('seed_exercises.json');
const f32 = { atol: 1e-6, rtol: 1e-4 };

function expectClose(actual: Tensor, expected: FixtureTensor, tol = f32): void {
  const r = compareTensor(actual, expected, tol);
  expect(r.ok, r.detail).toBe(true);
}

function expectExact(actual: Tensor, expected: FixtureTensor): void {
  expect(Array.from(actual.toTypedArray() as ArrayLike<number>)).toEqual(fixtureValues(expected));
}

describe('ExD.1: gradients through a chain of ops', () => {
  const d = seed.exd1;

  it('every intermediate, the gradient and its printed form match PyTorch', () => {
    manualSeed(123);
    const y = randn([10, 3], { requiresGrad: true });
    const x = tensor([8, 3, 4]);
    const o1 = y.pow(2);
    const o2 = x.sub(o1).norm(2, 1).pow(2).neg().exp();
    const o3 = o2.sum();
    const o4 = o3.sigmoid();
    expectExact(y, d.y);
    expectClose(o1, d.o1);
    expectClose(o2, d.o2, { atol: 0, rtol: 1e-4 });
    expectClose(o3, d.o3, { atol: 0, rtol: 1e-4 });
    expectClose(o4, d.o4);
    const [g] = grad(o4, [y]);
    expectClose(g!, d.grad_y, { atol: 0, rtol: 1e-4 });
    expect(String(g)).toBe(d.print_grad_y as unknown as string);
  });

  it('the float64 gradient and the squared distances', () => {
    manualSeed(123);
    const y = randn(10, 3).to('float64').requiresGrad_(true);
    const x = tensor([8, 3, 4], { dtype: 'float64' });
    const o4 = x.sub(y.pow(2)).norm(2, 1).pow(2).neg().exp().sum().sigmoid();
    expectClose(grad(o4, [y])[0]!, d.grad_y_f64, { atol: 0, rtol: 1e-10 });
    const distances = x.to('float32').sub(y.detach().to('float32').pow(2)).pow(2).sum(1);
    expectClose(distances, d.sq_dist, { atol: 1e-4, rtol: 1e-5 });
  });

  it('gradient descent with a length scale (sigma = 100, SGD lr 10, 50 steps) follows PyTorch', () => {
    const run = (d.descent as unknown as Record<string, { losses: number[]; y_final: FixtureTensor }>)['100.0'];
    manualSeed(123);
    const yy = randn([10, 3], { requiresGrad: true });
    const x = tensor([8, 3, 4]);
    const opt = new optim.SGD([yy], { lr: 10 });
    const losses: number[] = [];
    for (let step = 0; step < 50; step++) {
      tidy(() => {
        opt.zeroGrad();
        const o4 = x.sub(yy.pow(2)).norm(2, 1).pow(2).div(100).neg().exp().sum().sigmoid();
        o4.backward();
        losses.push(o4.item() as number);
        opt.step();
      });
    }
    losses.forEach((l, i) => expect(Math.abs(l - run.losses[i])).toBeLessThan(2e-6));
    expectClose(yy, run.y_final, { atol: 1e-5, rtol: 1e-4 });
  });
});

describe('ExD.2: the Lipschitz constant of nn.Linear(100, 45)', () => {
  const d = seed.exd2;

  it('the seeded weight is bit-identical and L(f) prints as in PyTorch', () => {
    manualSeed(1234);
    const ll = new nn.Linear(100, 45, { bias: false });
    expectExact(ll.weight, d.weight);
    const { S } = linalg.svd(ll.weight);
    expectClose(S, d.S, { atol: 2e-6, rtol: 0 });
    expectClose(S.max(), d.L, { atol: 1e-6, rtol: 0 });
    expect(`L(f): ${(S.max().item() as number).toFixed(3)}`).toBe(d.print_L as unknown as string);
    expectClose(linalg.matrixNorm(ll.weight, 2), d.matrix_norm_2, { atol: 1e-6, rtol: 0 });
    expectClose(linalg.svdvals(ll.weight), d.svdvals, { atol: 2e-6, rtol: 0 });
  });

  for (const label of ['0.5', '0.894', '2.0']) {
    const target = Number(label);
    it(`enforcing L' = ${label} by clipping or by scaling the singular values`, () => {
      const W = fromFixture(d.weight);
      const { U, S, Vh } = linalg.svd(W, { fullMatrices: false });
      const clipped = U.mul(S.clamp({ max: target }).unsqueeze(0)).matmul(Vh);
      const scaled = W.mul(S.max().reciprocal().mul(target));
      const clip = d[`constrain_clip_${label}`] as unknown as { weight: FixtureTensor; L_after: FixtureTensor };
      const scale = d[`constrain_scale_${label}`] as unknown as { weight: FixtureTensor; L_after: FixtureTensor };
      expectClose(clipped, clip.weight, { atol: 2e-6, rtol: 0 });
      expectClose(linalg.matrixNorm(clipped, 2), clip.L_after, { atol: 2e-6, rtol: 0 });
      expectClose(scaled, scale.weight, { atol: 1e-7, rtol: 1e-6 });
      expectClose(linalg.matrixNorm(scaled, 2), scale.L_after, { atol: 2e-6, rtol: 0 });
    });
  }

  it('the gradient of the spectral norm is u1 v1^T', () => {
    const W = fromFixture(d.weight, true);
    const [g] = grad(linalg.matrixNorm(W, 2), [W]);
    expectClose(g!, d.grad_matrix_norm_2, { atol: 1e-5, rtol: 0 });
  });
});

describe('ExD.3: the patch embedding', () => {
  const d = seed.exd3;

  function buildMapping() {
    return new nn.Sequential(
      new nn.Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 }),
      new nn.Linear(64, 64, { bias: false }),
      new nn.ReLU(),
      new nn.Linear(64, 128, { bias: false }),
    );
  }

  it('image, weights, patches, output, loss and gradients match PyTorch', () => {
    manualSeed(1234);
    const img = randn(6, 1, 32, 32);
    const mapping = buildMapping();
    expectExact(img, d.img);
    const [w1, w2] = mapping.parameters();
    expectExact(w1, d.w1);
    expectExact(w2, d.w2);
    expectExact(rearrange(img, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 }), d.patches);
    const out = mapping.forward(img);
    expect(out.shape).toEqual([6, 16, 128]);
    expectClose(out, d.out, { atol: 1e-5, rtol: 1e-4 });
    const loss = out.pow(2).mean();
    expectClose(loss, d.loss_mean_sq);
    const [g1, g2] = grad(loss, [w1, w2]);
    expectClose(g1!, d.grad_w1, { atol: 1e-6, rtol: 1e-4 });
    expectClose(g2!, d.grad_w2, { atol: 1e-6, rtol: 1e-4 });
    expect(mapping.parameters().reduce((n, p) => n + p.numel(), 0)).toBe(Number(d.numel_params));
    expect(Object.keys(mapping.stateDict())).toEqual(d.state_dict_keys as unknown as string[]);
  });

  it('the convolution form equals the first linear layer on the patches', () => {
    const img = fromFixture(d.img);
    const w1 = fromFixture(d.w1);
    const convW = w1.reshape(64, 8, 8, 1).permute(0, 3, 1, 2).contiguous();
    const viaConv = nn.functional.conv2d(img, convW, null, 8).flatten(2).transpose(1, 2);
    expectClose(viaConv, d.conv_equiv_first_layer, { atol: 1e-5, rtol: 1e-4 });
  });

  it("the sheet's MyOp (Conv2d(1, 16, 25) -> Flatten -> Linear -> ReLU -> Linear), seeded", () => {
    const img = fromFixture(d.img);
    manualSeed(1234);
    const c1 = new nn.Conv2d(1, 16, 25, { bias: false });
    const l3 = new nn.Linear(64, 64, { bias: false });
    const l5 = new nn.Linear(64, 128, { bias: false });
    const myop = d.myop as unknown as Record<string, FixtureTensor>;
    expectExact(c1.weight, myop.conv_w);
    expectExact(l3.weight, myop.l3_w);
    expectExact(l5.weight, myop.l5_w);
    const o = l5.forward(l3.forward(c1.forward(img).flatten(2, -1)).relu());
    expectClose(o, myop.out, { atol: 1e-5, rtol: 1e-4 });
  });
});

describe('the example programs print what PyTorch prints', () => {
  const root = resolve(__dirname, '..');
  const outDir = mkdtempSync(join(tmpdir(), 'wasmgrad-examples-'));

  async function runExample(name: string): Promise<string> {
    const outfile = join(outDir, `${name}.mjs`);
    await build({
      entryPoints: [join(root, 'examples', `${name}.ts`)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      alias: { wasmgrad: join(root, 'src', 'index.ts') },
      logLevel: 'silent',
    });
    return execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
  }

  it('examples/exd1-gradients.ts', async () => {
    const out = await runExample('exd1-gradients');
    expect(out.startsWith(`${seed.exd1.print_grad_y as unknown as string}\n`)).toBe(true);
    expect(out).toContain('step  0: o4 = 0.994585');
  });

  it('examples/exd2-lipschitz.ts', async () => {
    const out = await runExample('exd2-lipschitz');
    expect(out.split('\n')[0]).toBe('L(f): 0.937');
    expect(out).toContain('Current Lipschitz-constant 0.937 is too large.');
    expect(out).toContain('The weight matrix already satisfies the Lipschitz-constant.');
  });

  it('examples/exd3-patches.ts', async () => {
    const out = await runExample('exd3-patches');
    expect(out).toContain('12288\ntorch.Size([6, 1, 32, 32])\ntorch.Size([6, 16, 128])');
    expect(out).toContain("[ '1.weight', '3.weight' ]");
    expect(out).toContain('After Conv2d: torch.Size([6, 16, 8, 8])');
    expect(out).toContain('Are sizes after two networks the same? True');
  });
});
