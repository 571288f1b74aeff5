// nn.functional against plain-JavaScript references: convolution (forward and all gradients, including second
// order), unfold/fold adjointness, pooling, normalisation, losses, embedding, dropout, and PyTorch's errors.
import { describe, expect, it } from 'vitest';
import { grad, manualSeed, memory, randn, tensor, tidy, type Tensor } from '../src/index';
import * as F from '../src/nn/functional/index';
import type { ConvGeometry } from '../src/nn/functional/im2col';
import { kernels } from '../src/backend/wasm';
import { mulberry32 } from './support/random';
import { values } from './support/tensor-values';

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol = 0): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
    if (excess > worst || Number.isNaN(actual[i]) !== Number.isNaN(expected[i])) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      at = i;
    }
  }
  expect(at, at < 0 ? '' : `element ${at}: got ${actual[at]}, expected ${expected[at]}`).toBe(-1);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

// ---------------------------------------------------------------- convolution references

/** A convolution: N images of C channels, O output channels, and the window of an im2col geometry. */
interface ConvCase extends Omit<ConvGeometry, 'outH' | 'outW'> {
  N: number;
  C: number;
  O: number;
  groups: number;
  bias: boolean;
}

function outSize(size: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((size + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/**
 * Direct convolution and its three gradients for upstream gradient g, by the definition:
 * out[n, o, oh, ow] = b[o] + sum_{cg, ki, kj} x[n, group(o) * Cg + cg, oh*sh - ph + ki*dh, ow*sw - pw + kj*dw] * w[o, cg, ki, kj].
 */
function convReference(c: ConvCase, x: number[], w: number[], b: number[] | null, g: number[] | null) {
  const OH = outSize(c.H, c.kh, c.sh, c.ph, c.dh);
  const OW = outSize(c.W, c.kw, c.sw, c.pw, c.dw);
  const Cg = c.C / c.groups;
  const Og = c.O / c.groups;
  const out = new Array<number>(c.N * c.O * OH * OW).fill(0);
  const gx = new Array<number>(x.length).fill(0);
  const gw = new Array<number>(w.length).fill(0);
  const gb = new Array<number>(c.O).fill(0);
  for (let n = 0; n < c.N; n++) {
    for (let o = 0; o < c.O; o++) {
      const group = Math.floor(o / Og);
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const at = ((n * c.O + o) * OH + oh) * OW + ow;
          let acc = b ? b[o] : 0;
          const up = g ? g[at] : 0;
          gb[o] += up;
          for (let cg = 0; cg < Cg; cg++) {
            for (let ki = 0; ki < c.kh; ki++) {
              const ih = oh * c.sh - c.ph + ki * c.dh;
              if (ih < 0 || ih >= c.H) continue;
              for (let kj = 0; kj < c.kw; kj++) {
                const iw = ow * c.sw - c.pw + kj * c.dw;
                if (iw < 0 || iw >= c.W) continue;
                const xi = ((n * c.C + group * Cg + cg) * c.H + ih) * c.W + iw;
                const wi = ((o * Cg + cg) * c.kh + ki) * c.kw + kj;
                acc += x[xi] * w[wi];
                gx[xi] += w[wi] * up;
                gw[wi] += x[xi] * up;
              }
            }
          }
          out[at] = acc;
        }
      }
    }
  }
  return { out, gx, gw, gb, shape: [c.N, c.O, OH, OW] };
}

function randomConvCase(next: () => number): ConvCase {
  const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const groups = pick(1, 3);
  const C = groups * pick(1, 3);
  const O = groups * pick(1, 3);
  const kh = pick(1, 4);
  const kw = pick(1, 4);
  const dh = pick(1, 2);
  const dw = pick(1, 2);
  const ph = pick(0, 2);
  const pw = pick(0, 2);
  const H = Math.max(dh * (kh - 1) + 1 - 2 * ph, 1) + pick(0, 6);
  const W = Math.max(dw * (kw - 1) + 1 - 2 * pw, 1) + pick(0, 6);
  return { N: pick(1, 3), C, H, W, O, kh, kw, sh: pick(1, 3), sw: pick(1, 3), ph, pw, dh, dw, groups, bias: next() < 0.6 };
}

describe('conv2d against a direct convolution', () => {
  const next = mulberry32(20240601);
  const cases = Array.from({ length: 16 }, () => randomConvCase(next));
  for (const [k, c] of cases.entries()) {
    const label = `#${k} N${c.N} C${c.C} ${c.H}x${c.W} O${c.O} k${c.kh}x${c.kw} s${c.sh},${c.sw} p${c.ph},${c.pw} d${c.dh},${c.dw} g${c.groups}${c.bias ? ' bias' : ''}`;
    it(`float64 output and gradients: ${label}`, () => {
      tidy(() => {
        manualSeed(k);
        const x = randn([c.N, c.C, c.H, c.W], { dtype: 'float64', requiresGrad: true });
        const w = randn([c.O, c.C / c.groups, c.kh, c.kw], { dtype: 'float64', requiresGrad: true });
        const b = c.bias ? randn([c.O], { dtype: 'float64', requiresGrad: true }) : null;
        const out = F.conv2d(x, w, b, [c.sh, c.sw], [c.ph, c.pw], [c.dh, c.dw], c.groups);
        const g = randn(out.shape, { dtype: 'float64' });
        const ref = convReference(c, values(x), values(w), b ? values(b) : null, values(g));
        expect(out.shape).toEqual(ref.shape);
        expect(out.gradFn?.name()).toBe('ConvolutionBackward0');
        expectClose(values(out), ref.out, 1e-12, 1e-12);
        const grads = grad(out, b ? [x, w, b] : [x, w], { gradOutputs: g });
        expectClose(values(grads[0]!), ref.gx, 1e-12, 1e-12);
        expectClose(values(grads[1]!), ref.gw, 1e-12, 1e-12);
        if (b) expectClose(values(grads[2]!), ref.gb, 1e-12, 1e-12);
      });
    });
  }

  it('float32 agrees with the float64 reference within float32 summation error', () => {
    tidy(() => {
      const c: ConvCase = { N: 2, C: 6, H: 13, W: 11, O: 8, kh: 3, kw: 3, sh: 1, sw: 2, ph: 1, pw: 1, dh: 1, dw: 1, groups: 1, bias: true };
      manualSeed(7);
      const x = randn([c.N, c.C, c.H, c.W]);
      const w = randn([c.O, c.C, c.kh, c.kw]);
      const b = randn([c.O]);
      const ref = convReference(c, values(x), values(w), values(b), null);
      expectClose(values(F.conv2d(x, w, { bias: b, stride: [1, 2], padding: 1 })), ref.out, 1e-5 * Math.sqrt(c.C * 9) * 4, 1e-5);
    });
  });

  it("padding='same' pads the extra element of an even kernel after, as PyTorch does", () => {
    tidy(() => {
      manualSeed(3);
      const x = randn([1, 2, 7, 6], { dtype: 'float64' });
      const w = randn([3, 2, 4, 2], { dtype: 'float64' });
      const out = F.conv2d(x, w, { padding: 'same', dilation: [1, 2] });
      expect(out.shape).toEqual([1, 3, 7, 6]);
      // total padding (k - 1) * d: 3 rows (1 before, 2 after) and 2 columns (1 before, 1 after)
      const padded = F.pad(x, [1, 1, 1, 2]);
      const ref = F.conv2d(padded, w, { dilation: [1, 2] });
      expectClose(values(out), values(ref), 1e-12);
      expect(F.conv2d(x, w, { padding: 'valid' }).shape).toEqual([1, 3, 4, 5]);
    });
  });

  it('unbatched input gives an unbatched output', () => {
    tidy(() => {
      manualSeed(4);
      const x = randn([2, 5, 5], { dtype: 'float64' });
      const w = randn([3, 2, 3, 3], { dtype: 'float64' });
      const out = F.conv2d(x, w, null, 1, 1);
      expect(out.shape).toEqual([3, 5, 5]);
      expectClose(values(out), values(F.conv2d(x.unsqueeze(0), w, null, 1, 1)), 1e-12);
    });
  });

  it('second derivatives match finite differences of the first derivatives', () => {
    tidy(() => {
      manualSeed(5);
      const x = randn([2, 4, 6, 5], { dtype: 'float64', requiresGrad: true });
      const w = randn([4, 2, 3, 2], { dtype: 'float64', requiresGrad: true });
      const b = randn([4], { dtype: 'float64', requiresGrad: true });
      const conv = (xx: Tensor, ww: Tensor) => F.conv2d(xx, ww, b, 2, [1, 0], 1, 2);
      // L = sum(conv(x, w)^2): its gradient is not linear in (x, w), so the second derivative is non-trivial.
      const first = (xx: Tensor, ww: Tensor, createGraph: boolean) => {
        const out = conv(xx, ww);
        return grad(out.mul(out).sum(), [xx, ww], { createGraph });
      };
      const [gx, gw] = first(x, w, true);
      const sx = randn(x.shape, { dtype: 'float64' });
      const sw = randn(w.shape, { dtype: 'float64' });
      const [hx, hw] = grad(gx!.mul(sx).sum().add(gw!.mul(sw).sum()), [x, w]);
      // directional derivative of <g(x, w), s> along (dx, dw), by central differences
      const dx = randn(x.shape, { dtype: 'float64' });
      const dw = randn(w.shape, { dtype: 'float64' });
      const eps = 1e-5;
      const probe = (sign: number) => {
        const xs = x.detach().add(dx.mul(sign * eps)).requiresGrad_(true);
        const ws = w.detach().add(dw.mul(sign * eps)).requiresGrad_(true);
        const [ax, aw] = first(xs, ws, false);
        return dot(values(ax!), values(sx)) + dot(values(aw!), values(sw));
      };
      const numeric = (probe(1) - probe(-1)) / (2 * eps);
      const analytic = dot(values(hx!), values(dx)) + dot(values(hw!), values(dw));
      expect(Math.abs(numeric - analytic)).toBeLessThan(1e-6 * Math.max(1, Math.abs(analytic)));
    });
  });

  it('conv1d is conv2d over a unit height', () => {
    tidy(() => {
      manualSeed(6);
      const x = randn([2, 4, 11], { dtype: 'float64' });
      const w = randn([6, 2, 3], { dtype: 'float64' });
      const b = randn([6], { dtype: 'float64' });
      const out = F.conv1d(x, w, b, 2, 1, 2, 2);
      const ref = F.conv2d(x.unsqueeze(2), w.unsqueeze(2), b, [1, 2], [0, 1], [1, 2], 2).squeeze(2);
      expect(out.shape).toEqual([2, 6, 5]);
      expectClose(values(out), values(ref), 1e-12);
    });
  });

  it("throws PyTorch's errors", () => {
    tidy(() => {
      const x = randn([2, 1, 6, 6]);
      expect(() => F.conv2d(x, randn([3, 2, 3, 3]))).toThrow(
        'Given groups=1, weight of size [3, 2, 3, 3], expected input[2, 1, 6, 6] to have 2 channels, but got 1 channels instead',
      );
      expect(() => F.conv2d(randn([2, 4, 6, 6]), randn([3, 2, 3, 3]), { groups: 2 })).toThrow(
        'Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size [3, 2, 3, 3] instead',
      );
      expect(() => F.conv2d(x, randn([3, 1, 3, 3]), randn([4]))).toThrow(
        'Given weight of size [3, 1, 3, 3], expected bias to be 1-dimensional with 3 elements, but got bias of size [4] instead',
      );
      expect(() => F.conv2d(randn([6, 6]), randn([3, 1, 3, 3]))).toThrow('Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [6, 6]');
      expect(() => F.conv2d(x, randn([3, 1, 7, 3]))).toThrow(
        "Calculated padded input size per channel: (6 x 6). Kernel size: (7 x 3). Kernel size can't be greater than actual input size",
      );
      expect(() => F.conv2d(x, randn([3, 1, 3, 3]), { stride: 2, padding: 'same' })).toThrow("padding='same' is not supported for strided convolutions");
      expect(() => F.conv2d(x, randn([3, 1, 3, 3]), { stride: 0 })).toThrow('non-positive stride is not supported');
      expect(() => F.conv2d(x, randn([3, 1, 3, 3], { dtype: 'float64' }))).toThrow(
        'Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be the same',
      );
    });
  });
});

// ---------------------------------------------------------------- unfold / fold

describe('unfold and fold', () => {
  const next = mulberry32(77);
  for (let k = 0; k < 10; k++) {
    const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    const [kh, kw, dh, dw, ph, pw, sh, sw] = [pick(1, 4), pick(1, 4), pick(1, 2), pick(1, 2), pick(0, 2), pick(0, 2), pick(1, 3), pick(1, 3)];
    const H = Math.max(dh * (kh - 1) + 1 - 2 * ph, 1) + pick(0, 5);
    const W = Math.max(dw * (kw - 1) + 1 - 2 * pw, 1) + pick(0, 5);
    const [N, C] = [pick(1, 2), pick(1, 3)];
    const opts = { dilation: [dh, dw], padding: [ph, pw], stride: [sh, sw] };
    it(`are adjoint: <fold(y), x> = <y, unfold(x)> (${N}x${C}x${H}x${W}, k ${kh}x${kw}, d ${dh},${dw}, p ${ph},${pw}, s ${sh},${sw})`, () => {
      tidy(() => {
        manualSeed(100 + k);
        const x = randn([N, C, H, W], { dtype: 'float64' });
        const u = F.unfold(x, [kh, kw], opts);
        const L = outSize(H, kh, sh, ph, dh) * outSize(W, kw, sw, pw, dw);
        expect(u.shape).toEqual([N, C * kh * kw, L]);
        const y = randn(u.shape, { dtype: 'float64' });
        const f = F.fold(y, [H, W], [kh, kw], opts);
        expect(f.shape).toEqual([N, C, H, W]);
        const lhs = dot(values(f), values(x));
        const rhs = dot(values(y), values(u));
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-10 * Math.max(1, Math.abs(lhs)));
      });
    });
  }

  it('unfold reads strided (non-contiguous) input, and fold strided columns', () => {
    tidy(() => {
      manualSeed(9);
      const x = randn([3, 2, 7, 5], { dtype: 'float64' }).permute(1, 0, 3, 2); // [2, 3, 5, 7], not contiguous
      expectClose(values(F.unfold(x, 3, 1, 1, 2)), values(F.unfold(x.contiguous(), 3, 1, 1, 2)), 0);
      const cols = randn([12, 2, 6], { dtype: 'float64' }).transpose(0, 1); // [2, 12, 6]
      expectClose(values(F.fold(cols, [4, 6], 2, { stride: 2 })), values(F.fold(cols.contiguous(), [4, 6], 2, { stride: 2 })), 0);
    });
  });

  it("each one's gradient is the other", () => {
    tidy(() => {
      manualSeed(10);
      const x = randn([1, 2, 5, 5], { dtype: 'float64', requiresGrad: true });
      const u = F.unfold(x, 3, { padding: 1 });
      expect(u.gradFn?.name()).toBe('Im2ColBackward0');
      const g = randn(u.shape, { dtype: 'float64' });
      const [gx] = grad(u, [x], { gradOutputs: g });
      expectClose(values(gx!), values(F.fold(g, [5, 5], 3, { padding: 1 })), 1e-12);
      const y = randn([2, 8, 4], { dtype: 'float64', requiresGrad: true });
      const f = F.fold(y, 4, 2, { stride: 2 });
      expect(f.gradFn?.name()).toBe('Col2ImBackward0');
      const h = randn(f.shape, { dtype: 'float64' });
      const [gy] = grad(f, [y], { gradOutputs: h });
      expectClose(values(gy!), values(F.unfold(h, 2, { stride: 2 })), 1e-12);
    });
  });

  it("throws PyTorch's errors", () => {
    tidy(() => {
      expect(() => F.unfold(randn([1, 1, 2, 2]), 3)).toThrow(
        'Given input with spatial size (2, 2), kernel_size=(3, 3), dilation=(1, 1), padding=(0, 0), calculated shape of the array of sliding blocks as (0, 0), but its components must be at least one.',
      );
      expect(() => F.fold(randn([1, 7, 4]), [4, 4], 2, { stride: 2 })).toThrow(
        "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=7 and kernel_size=(2, 2).",
      );
      expect(() => F.fold(randn([1, 8, 5]), [4, 4], 2, { stride: 2 })).toThrow(
        "Given output_size=(4, 4), kernel_size=(2, 2), dilation=(1, 1), padding=(0, 0), stride=(2, 2), expected size of input's dimension 2 to match the calculated number of sliding blocks 2 * 2 = 4, but got input.size(2)=5.",
      );
    });
  });
});

// ---------------------------------------------------------------- pooling

interface PoolCase {
  k: [number, number];
  s: [number, number];
  p: [number, number];
  d: [number, number];
  ceil: boolean;
}

function poolOut(size: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  let out = Math.floor((size + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

/** Max pooling by the definition, with PyTorch's NaN rule and argmax (first maximum in row-major window order). */
function maxPoolReference(x: number[], P: number, H: number, W: number, c: PoolCase) {
  const OH = poolOut(H, c.k[0], c.s[0], c.p[0], c.d[0], c.ceil);
  const OW = poolOut(W, c.k[1], c.s[1], c.p[1], c.d[1], c.ceil);
  const out: number[] = [];
  const idx: number[] = [];
  for (let q = 0; q < P; q++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        let best = -Infinity;
        let at = -1;
        for (let i = 0; i < c.k[0]; i++) {
          const ih = oh * c.s[0] - c.p[0] + i * c.d[0];
          if (ih < 0 || ih >= H) continue;
          for (let j = 0; j < c.k[1]; j++) {
            const iw = ow * c.s[1] - c.p[1] + j * c.d[1];
            if (iw < 0 || iw >= W) continue;
            const v = x[q * H * W + ih * W + iw];
            if (at < 0 || v > best || Number.isNaN(v)) {
              best = v;
              at = ih * W + iw;
            }
          }
        }
        out.push(best);
        idx.push(at);
      }
    }
  }
  return { out, idx, OH, OW };
}

/** Average pooling by the definition (PyTorch's divisor rules). */
function avgPoolReference(x: number[], P: number, H: number, W: number, c: PoolCase, countIncludePad: boolean, divisor: number | null) {
  const OH = poolOut(H, c.k[0], c.s[0], c.p[0], 1, c.ceil);
  const OW = poolOut(W, c.k[1], c.s[1], c.p[1], 1, c.ceil);
  const out: number[] = [];
  for (let q = 0; q < P; q++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const h0 = oh * c.s[0] - c.p[0];
        const w0 = ow * c.s[1] - c.p[1];
        const h1 = Math.min(h0 + c.k[0], H + c.p[0]);
        const w1 = Math.min(w0 + c.k[1], W + c.p[1]);
        const poolSize = (h1 - h0) * (w1 - w0);
        let sum = 0;
        let count = 0;
        for (let ih = Math.max(h0, 0); ih < Math.min(h1, H); ih++) {
          for (let iw = Math.max(w0, 0); iw < Math.min(w1, W); iw++) {
            sum += x[q * H * W + ih * W + iw];
            count++;
          }
        }
        out.push(count === 0 ? 0 : sum / (divisor ?? (countIncludePad ? poolSize : count)));
      }
    }
  }
  return { out, OH, OW };
}

describe('pooling against references', () => {
  const next = mulberry32(4242);
  const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  for (let n = 0; n < 12; n++) {
    const k: [number, number] = [pick(1, 4), pick(1, 4)];
    const d: [number, number] = [pick(1, 2), pick(1, 2)];
    const c: PoolCase = {
      k,
      s: [pick(1, 3), pick(1, 3)],
      p: [pick(0, Math.floor(k[0] / 2)), pick(0, Math.floor(k[1] / 2))],
      d,
      ceil: next() < 0.5,
    };
    const H = d[0] * (k[0] - 1) + 1 + pick(0, 6);
    const W = d[1] * (k[1] - 1) + 1 + pick(0, 6);
    const label = `${H}x${W} k${c.k} s${c.s} p${c.p} d${c.d}${c.ceil ? ' ceil' : ''}`;
    it(`maxPool2d: values, indices and gradient (${label})`, () => {
      tidy(() => {
        manualSeed(200 + n);
        const x = randn([2, 3, H, W], { dtype: 'float64', requiresGrad: true });
        const [out, indices] = F.maxPool2d(x, c.k, c.s, c.p, c.d, c.ceil, true);
        const ref = maxPoolReference(values(x), 6, H, W, c);
        expect(out.shape).toEqual([2, 3, ref.OH, ref.OW]);
        expect(indices.dtype).toBe('int32');
        expectClose(values(out), ref.out, 0);
        expect(values(indices)).toEqual(ref.idx);
        expect(out.gradFn?.name()).toBe('MaxPool2DWithIndicesBackward0');
        const g = randn(out.shape, { dtype: 'float64' });
        const [gx] = grad(out, [x], { gradOutputs: g });
        const want = new Array<number>(x.numel()).fill(0);
        values(g).forEach((v, i) => (want[Math.floor(i / (ref.OH * ref.OW)) * H * W + ref.idx[i]] += v));
        expectClose(values(gx!), want, 1e-12);
      });
    });
    const countIncludePad = next() < 0.5;
    const divisor = next() < 0.3 ? pick(1, 5) : null;
    it(`avgPool2d: values and gradient (${label}${countIncludePad ? '' : ' exclude pad'}${divisor ? ` divisor ${divisor}` : ''})`, () => {
      tidy(() => {
        manualSeed(300 + n);
        const x = randn([2, 2, H, W], { dtype: 'float64', requiresGrad: true });
        const out = F.avgPool2d(x, c.k, { stride: c.s, padding: c.p, ceilMode: c.ceil, countIncludePad, divisorOverride: divisor });
        const ref = avgPoolReference(values(x), 4, H, W, c, countIncludePad, divisor);
        expect(out.shape).toEqual([2, 2, ref.OH, ref.OW]);
        expectClose(values(out), ref.out, 1e-12);
        // the gradient is the adjoint: <grad, probe> = <g, avgPool(probe)>
        const g = randn(out.shape, { dtype: 'float64' });
        const [gx] = grad(out, [x], { gradOutputs: g });
        const probe = randn(x.shape, { dtype: 'float64' });
        const pooled = avgPoolReference(values(probe), 4, H, W, c, countIncludePad, divisor).out;
        expect(Math.abs(dot(values(gx!), values(probe)) - dot(values(g), pooled))).toBeLessThan(1e-10);
      });
    });
  }

  it('maxPool2d propagates NaN like PyTorch and handles float32', () => {
    tidy(() => {
      const x = tensor([[[[1, NaN, 3], [4, 5, NaN], [7, 8, 9]]]]);
      const [out, idx] = F.maxPool2d(x, 2, { stride: 1, returnIndices: true });
      expect(values(out).map(String)).toEqual(['NaN', 'NaN', '8', 'NaN']);
      expect(values(idx)).toEqual([1, 5, 7, 5]);
    });
  });

  it('adaptive pooling uses windows [floor(i*H/O), ceil((i+1)*H/O))', () => {
    tidy(() => {
      manualSeed(11);
      const x = randn([2, 3, 7, 5], { dtype: 'float64', requiresGrad: true });
      const out = F.adaptiveAvgPool2d(x, [3, 2]);
      expect(out.gradFn?.name()).toBe('AdaptiveAvgPool2DBackward0');
      const xs = values(x);
      const want: number[] = [];
      for (let q = 0; q < 6; q++) {
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 2; j++) {
            const [h0, h1] = [Math.floor((i * 7) / 3), Math.ceil(((i + 1) * 7) / 3)];
            const [w0, w1] = [Math.floor((j * 5) / 2), Math.ceil(((j + 1) * 5) / 2)];
            let s = 0;
            for (let h = h0; h < h1; h++) for (let w = w0; w < w1; w++) s += xs[q * 35 + h * 5 + w];
            want.push(s / ((h1 - h0) * (w1 - w0)));
          }
        }
      }
      expectClose(values(out), want, 1e-12);
      const [m, idx] = F.adaptiveMaxPool2d(x, [3, 2], true);
      expect(m.shape).toEqual([2, 3, 3, 2]);
      values(idx).forEach((at, i) => expect(values(m)[i]).toBe(xs[Math.floor(i / 6) * 35 + at]));
      expect(F.adaptiveAvgPool2d(x, [null, 1]).shape).toEqual([2, 3, 7, 1]);
    });
  });

  it('1-D pooling is 2-D pooling over a unit height', () => {
    tidy(() => {
      manualSeed(12);
      const x = randn([2, 3, 10], { dtype: 'float64' });
      expectClose(values(F.maxPool1d(x, 3, 2, 1)), values(F.maxPool2d(x.unsqueeze(2), [1, 3], [1, 2], [0, 1])), 0);
      expectClose(values(F.avgPool1d(x, 4, { stride: 3, ceilMode: true })), values(F.avgPool2d(x.unsqueeze(2), [1, 4], [1, 3], 0, true)), 1e-15);
      expectClose(values(F.adaptiveAvgPool1d(x, 4)), values(F.adaptiveAvgPool2d(x.unsqueeze(2), [1, 4])), 1e-15);
    });
  });

  it('second derivatives flow through the pooling backward passes', () => {
    tidy(() => {
      manualSeed(13);
      const x = randn([1, 2, 6, 6], { dtype: 'float64', requiresGrad: true });
      const [, argmax] = F.maxPool2d(x, 2, { returnIndices: true });
      // Both poolings are linear maps P (max pooling: the gather at x's argmax, fixed near x). For L = |P x|^2,
      // g = 2 P^T P x, and d/dx <g, s> = 2 P^T P s.
      const cases: [(t: Tensor) => Tensor, (s: Tensor) => Tensor][] = [
        [(t) => F.maxPool2d(t, 2), (s) => s.flatten(2).gather(2, argmax.flatten(2)).reshape(argmax.shape)],
        [(t) => F.avgPool2d(t, 3, 1, 1), (s) => F.avgPool2d(s, 3, 1, 1)],
      ];
      for (const [pool, linearMap] of cases) {
        const y = pool(x);
        const [g] = grad(y.mul(y).sum(), [x], { createGraph: true });
        const s = randn(x.shape, { dtype: 'float64' });
        const [h] = grad(g!.mul(s).sum(), [x]);
        const [want] = grad(pool(x), [x], { gradOutputs: linearMap(s).mul(2) });
        expectClose(values(h!), values(want!), 1e-12);
      }
    });
  });

  it("throws PyTorch's errors", () => {
    tidy(() => {
      const x = randn([1, 1, 4, 4]);
      expect(() => F.maxPool2d(x, 2, 2, 2)).toThrow('pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1');
      expect(() => F.avgPool2d(x, 2, 2, 2)).toThrow('pad should be smaller than or equal to half of kernel size, but got padW = 2, padH = 2, kW = 2, kH = 2');
      expect(() => F.maxPool2d(x, 5)).toThrow('Given input size: (1x4x4). Calculated output size: (1x0x0). Output size is too small');
      expect(() => F.maxPool2d(randn([4, 4]), 2)).toThrow('non-empty 3D or 4D (batch mode) tensor expected for input');
    });
  });
});

// ---------------------------------------------------------------- normalisation

describe('normalisation', () => {
  it('layerNorm matches the definition; gradients match finite differences', () => {
    tidy(() => {
      manualSeed(20);
      const x = randn([3, 2, 4], { dtype: 'float64', requiresGrad: true });
      const w = randn([2, 4], { dtype: 'float64', requiresGrad: true });
      const b = randn([2, 4], { dtype: 'float64', requiresGrad: true });
      const out = F.layerNorm(x, [2, 4], w, b, 1e-5);
      expect(out.gradFn?.name()).toBe('NativeLayerNormBackward0');
      const xs = values(x);
      const ws = values(w);
      const bs = values(b);
      const want: number[] = [];
      for (let r = 0; r < 3; r++) {
        const row = xs.slice(r * 8, r * 8 + 8);
        const m = row.reduce((s, v) => s + v, 0) / 8;
        const v = row.reduce((s, e) => s + (e - m) ** 2, 0) / 8;
        row.forEach((e, i) => want.push(((e - m) / Math.sqrt(v + 1e-5)) * ws[i] + bs[i]));
      }
      expectClose(values(out), want, 1e-12);
      const g = randn(out.shape, { dtype: 'float64' });
      const [gx, gw, gb] = grad(out, [x, w, b], { gradOutputs: g });
      const objective = (xx: Tensor) => dot(values(F.layerNorm(xx, [2, 4], w.detach(), b.detach())), values(g));
      const dx = randn(x.shape, { dtype: 'float64' });
      const eps = 1e-6;
      const numeric = (objective(x.detach().add(dx.mul(eps))) - objective(x.detach().sub(dx.mul(eps)))) / (2 * eps);
      expect(Math.abs(numeric - dot(values(gx!), values(dx)))).toBeLessThan(1e-7);
      const xhat = values(out.detach().sub(b.detach()).div(w.detach()));
      const gws = new Array<number>(8).fill(0);
      const gbs = new Array<number>(8).fill(0);
      values(g).forEach((v, i) => {
        gws[i % 8] += v * xhat[i];
        gbs[i % 8] += v;
      });
      expectClose(values(gw!), gws, 1e-10);
      expectClose(values(gb!), gbs, 1e-12);
    });
  });

  it('batchNorm in training uses batch statistics and updates the running ones; evaluation uses the running ones', () => {
    tidy(() => {
      manualSeed(21);
      const x = randn([4, 3, 2, 2], { dtype: 'float64' });
      const rm = randn([3], { dtype: 'float64' });
      const rv = randn([3], { dtype: 'float64' }).abs().add(0.5);
      const rm0 = values(rm);
      const rv0 = values(rv);
      const out = F.batchNorm(x, rm, rv, null, null, true, 0.1, 1e-5);
      const xs = values(x);
      const want = new Array<number>(xs.length);
      for (let c = 0; c < 3; c++) {
        const at: number[] = [];
        for (let n = 0; n < 4; n++) for (let s = 0; s < 4; s++) at.push(n * 12 + c * 4 + s);
        const m = at.reduce((acc, i) => acc + xs[i], 0) / 16;
        const v = at.reduce((acc, i) => acc + (xs[i] - m) ** 2, 0) / 16;
        at.forEach((i) => (want[i] = (xs[i] - m) / Math.sqrt(v + 1e-5)));
        expect(values(rm)[c]).toBeCloseTo(0.9 * rm0[c] + 0.1 * m, 12);
        expect(values(rv)[c]).toBeCloseTo(0.9 * rv0[c] + 0.1 * v * (16 / 15), 12);
      }
      expectClose(values(out), want, 1e-12);
      const evalOut = F.batchNorm(x, rm, rv, { training: false });
      const rms = values(rm);
      const rvs = values(rv);
      expectClose(values(evalOut), xs.map((e, i) => (e - rms[Math.floor(i / 4) % 3]) / Math.sqrt(rvs[Math.floor(i / 4) % 3] + 1e-5)), 1e-12);
    });
  });

  it('groupNorm normalises each group of channels', () => {
    tidy(() => {
      manualSeed(22);
      const x = randn([2, 4, 3], { dtype: 'float64' });
      const w = randn([4], { dtype: 'float64' });
      const out = F.groupNorm(x, 2, w);
      const xs = values(x);
      const ws = values(w);
      const channelOf = (i: number) => Math.floor(i / 3) % 4;
      const wantByChannel = xs.map((_, i) => {
        const q = Math.floor(i / 6);
        const part = xs.slice(q * 6, q * 6 + 6);
        const m = part.reduce((s, v) => s + v, 0) / 6;
        const v = part.reduce((s, e) => s + (e - m) ** 2, 0) / 6;
        return ((xs[i] - m) / Math.sqrt(v + 1e-5)) * ws[channelOf(i)];
      });
      expectClose(values(out), wantByChannel, 1e-12);
      expect(() => F.groupNorm(randn([2, 5, 3]), 2)).toThrow(
        'Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 5, 3] and num_groups=2',
      );
    });
  });

  it("layerNorm throws PyTorch's shape error", () => {
    expect(() => F.layerNorm(randn([3, 4]), [5])).toThrow('Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[3, 4]');
  });
});

// ---------------------------------------------------------------- losses

describe('losses', () => {
  it('mse and l1 reductions', () => {
    tidy(() => {
      manualSeed(30);
      const x = randn([4, 3], { dtype: 'float64' });
      const t = randn([4, 3], { dtype: 'float64' });
      const d = values(x).map((v, i) => v - values(t)[i]);
      const sq = d.map((v) => v * v);
      const ab = d.map(Math.abs);
      const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
      expectClose(values(F.mseLoss(x, t, 'none')), sq, 1e-12);
      expect(F.mseLoss(x, t).item()).toBeCloseTo(sum(sq) / 12, 12);
      expect(F.mseLoss(x, t, { reduction: 'sum' }).item()).toBeCloseTo(sum(sq), 12);
      expect(F.l1Loss(x, t).item()).toBeCloseTo(sum(ab) / 12, 12);
      expect(() => F.mseLoss(x, t, 'avg' as 'mean')).toThrow('avg is not a valid value for reduction');
    });
  });

  it('smoothL1Loss and huberLoss switch from quadratic to linear at beta / delta', () => {
    tidy(() => {
      const x = tensor([0.1, -0.4, 2, -3, 0.75], { dtype: 'float64', requiresGrad: true });
      const t = tensor([0, 0, 0, 0, 0], { dtype: 'float64' });
      const beta = 0.5;
      const smooth = (d: number) => (Math.abs(d) < beta ? (0.5 * d * d) / beta : Math.abs(d) - 0.5 * beta);
      const huber = (d: number) => (Math.abs(d) < beta ? 0.5 * d * d : beta * (Math.abs(d) - 0.5 * beta));
      const xs = values(x);
      expectClose(values(F.smoothL1Loss(x, t, 'none', beta)), xs.map(smooth), 1e-15);
      expectClose(values(F.huberLoss(x, t, { reduction: 'none', delta: beta })), xs.map(huber), 1e-15);
      const [g] = grad(F.smoothL1Loss(x, t, { beta, reduction: 'sum' }), [x]);
      expectClose(values(g!), xs.map((d) => Math.max(-1, Math.min(1, d / beta))), 1e-15);
    });
  });

  it('crossEntropy and nllLoss: weights, ignoreIndex, reductions, label smoothing', () => {
    tidy(() => {
      manualSeed(31);
      const x = randn([5, 4], { dtype: 'float64', requiresGrad: true });
      const target = tensor([1, 3, -100, 0, 3], { dtype: 'int32' });
      const weight = tensor([0.5, 1, 2, 1.5], { dtype: 'float64' });
      const xs = values(x);
      const logp: number[][] = [];
      for (let n = 0; n < 5; n++) {
        const row = xs.slice(n * 4, n * 4 + 4);
        const m = Math.max(...row);
        const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
        logp.push(row.map((v) => v - lse));
      }
      const ts = [1, 3, -100, 0, 3];
      const ws = [0.5, 1, 2, 1.5];
      const per = ts.map((t, n) => (t === -100 ? 0 : -ws[t] * logp[n][t]));
      const wsum = ts.reduce((s, t) => s + (t === -100 ? 0 : ws[t]), 0);
      expectClose(values(F.crossEntropy(x, target, weight, -100, 'none')), per, 1e-12);
      expect(F.crossEntropy(x, target, { weight }).item()).toBeCloseTo(per.reduce((s, v) => s + v, 0) / wsum, 12);
      const out = F.nllLoss(x.logSoftmax(1), target, { weight, reduction: 'sum' });
      expect(out.gradFn?.name()).toBe('NllLossBackward0');
      expect(out.item()).toBeCloseTo(per.reduce((s, v) => s + v, 0), 12);
      // label smoothing (PyTorch's formula): (1 - s) nll + s / C * sum_c w_c (-logp_c), both averaged over wsum
      const s = 0.2;
      const smooth = ts.map((t, n) => (t === -100 ? 0 : -logp[n].reduce((acc, v, c) => acc + ws[c] * v, 0)));
      const want = (1 - s) * (per.reduce((a, v) => a + v, 0) / wsum) + (s / 4) * (smooth.reduce((a, v) => a + v, 0) / wsum);
      expect(F.crossEntropy(x, target, { weight, labelSmoothing: s }).item()).toBeCloseTo(want, 12);
      // gradient of the mean loss: (softmax - onehot) * w[t] / wsum, zero rows for ignored targets
      const [g] = grad(F.crossEntropy(x, target, { weight }), [x]);
      const wantGrad = ts.flatMap((t, n) => logp[n].map((lp, c) => (t === -100 ? 0 : (ws[t] * (Math.exp(lp) - (c === t ? 1 : 0))) / wsum)));
      expectClose(values(g!), wantGrad, 1e-12);
      expect(() => F.crossEntropy(x, tensor([1, 3, 4, 0, 3], { dtype: 'int32' }))).toThrow('Target 4 is out of bounds.');
    });
  });

  it('crossEntropy with class probabilities and spatial dims', () => {
    tidy(() => {
      manualSeed(32);
      const x = randn([2, 3, 4], { dtype: 'float64' });
      const p = randn([2, 3, 4], { dtype: 'float64' }).softmax(1);
      const logp = values(x.logSoftmax(1));
      const ps = values(p);
      const total = -dot(logp, ps);
      expect(F.crossEntropy(x, p).item()).toBeCloseTo(total / 8, 12);
      const idx = tensor([[0, 1, 2, 1], [2, 2, 0, 1]], { dtype: 'int32' });
      const picked = [0, 1, 2, 1, 2, 2, 0, 1].map((c, i) => -logp[Math.floor(i / 4) * 12 + c * 4 + (i % 4)]);
      expectClose(values(F.crossEntropy(x, idx, { reduction: 'none' })), picked, 1e-12);
    });
  });

  it('binaryCrossEntropy and the logits form agree and are stable for large logits', () => {
    tidy(() => {
      const x = tensor([-100, -3, 0, 2.5, 80], { dtype: 'float64', requiresGrad: true });
      const t = tensor([0, 1, 0.3, 1, 0], { dtype: 'float64' });
      const xs = values(x);
      const ts = values(t);
      const softplus = (v: number) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      const want = xs.map((v, i) => softplus(v) - ts[i] * v);
      expectClose(values(F.binaryCrossEntropyWithLogits(x, t, null, 'none')), want, 1e-12);
      const pw = tensor([2], { dtype: 'float64' });
      const wantPw = xs.map((v, i) => (1 - ts[i]) * v + (1 + ts[i]) * softplus(-v));
      expectClose(values(F.binaryCrossEntropyWithLogits(x, t, { reduction: 'none', posWeight: pw })), wantPw, 1e-12);
      const [g] = grad(F.binaryCrossEntropyWithLogits(x, t), [x]);
      expectClose(values(g!), xs.map((v, i) => (1 / (1 + Math.exp(-v)) - ts[i]) / 5), 1e-15);
      const probs = tensor([0.1, 0.5, 0.9, 1, 0], { dtype: 'float64' });
      const bce = values(F.binaryCrossEntropy(probs, t, null, 'none'));
      const clampLog = (v: number) => Math.max(Math.log(v), -100);
      expectClose(bce, values(probs).map((p, i) => -(ts[i] * clampLog(p) + (1 - ts[i]) * clampLog(1 - p))), 1e-12);
      expect(() => F.binaryCrossEntropy(tensor([1.5]), tensor([1]))).toThrow('all elements of input should be between 0 and 1');
    });
  });
});

// ---------------------------------------------------------------- embedding, one-hot, dropout

describe('embedding, oneHot, dropout', () => {
  it('embedding gathers rows; its gradient sums into them, skipping paddingIdx', () => {
    tidy(() => {
      manualSeed(40);
      const w = randn([5, 3], { dtype: 'float64', requiresGrad: true });
      const idx = tensor([[4, 1, 1], [0, 2, 4]], { dtype: 'int32' });
      const out = F.embedding(idx, w, 1);
      expect(out.shape).toEqual([2, 3, 3]);
      expect(out.gradFn?.name()).toBe('EmbeddingBackward0');
      const ws = values(w);
      expectClose(values(out), [4, 1, 1, 0, 2, 4].flatMap((r) => ws.slice(r * 3, r * 3 + 3)), 0);
      const g = randn(out.shape, { dtype: 'float64' });
      const [gw] = grad(out, [w], { gradOutputs: g });
      const want = new Array<number>(15).fill(0);
      [4, 1, 1, 0, 2, 4].forEach((r, i) => {
        if (r !== 1) for (let j = 0; j < 3; j++) want[r * 3 + j] += values(g)[i * 3 + j];
      });
      expectClose(values(gw!), want, 1e-15);
      expect(() => F.embedding(tensor([5], { dtype: 'int32' }), w)).toThrow('index out of range in self');
    });
  });

  it('oneHot', () => {
    expect(F.oneHot(tensor([2, 0, 1], { dtype: 'int32' })).tolist()).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    expect(F.oneHot(tensor([1], { dtype: 'int32' }), 4).tolist()).toEqual([[0, 1, 0, 0]]);
    expect(() => F.oneHot(tensor([3], { dtype: 'int32' }), 3)).toThrow('Class values must be smaller than num_classes.');
    expect(() => F.oneHot(tensor([-1], { dtype: 'int32' }))).toThrow('Class values must be non-negative.');
  });

  it('dropout keeps about 1 - p of the elements, scaled by 1 / (1 - p), and is the identity in evaluation', () => {
    tidy(() => {
      manualSeed(41);
      const x = randn([100, 100]).abs().add(1);
      const y = F.dropout(x, 0.3);
      const xs = values(x);
      const ys = values(y);
      let kept = 0;
      ys.forEach((v, i) => {
        if (v !== 0) {
          kept++;
          expect(v).toBeCloseTo(xs[i] / 0.7, 5);
        }
      });
      expect(Math.abs(kept / 10000 - 0.7)).toBeLessThan(0.03);
      expect(F.dropout(x, 0.3, false)).toBe(x);
      expect(F.dropout(x, { p: 0.3, training: false })).toBe(x);
      expect(values(F.dropout(x, 1)).every((v) => v === 0)).toBe(true);
      const channels = values(F.dropout2d(x.reshape(10, 10, 10, 10), 0.5));
      for (let c = 0; c < 100; c++) {
        const block = channels.slice(c * 100, c * 100 + 100);
        expect(block.every((v) => v === 0) || block.every((v) => v !== 0)).toBe(true);
      }
      expect(() => F.dropout(x, 1.5)).toThrow('dropout probability has to be between 0 and 1, but got 1.5');
    });
  });
});

// ---------------------------------------------------------------- options and kernels

describe('argument forms', () => {
  it('positional and options forms agree; a parameter given twice is an error', () => {
    tidy(() => {
      manualSeed(50);
      const x = randn([1, 2, 6, 6]);
      const w = randn([3, 2, 3, 3]);
      const a = values(F.conv2d(x, w, null, 2, 1));
      expect(values(F.conv2d(x, w, { stride: 2, padding: 1 }))).toEqual(a);
      expect(values(F.conv2d(x, w, null, 2, { padding: 1 }))).toEqual(a);
      expect(() => F.conv2d(x, w, null, 2, { stride: 2 })).toThrow("conv2d() got multiple values for argument 'stride'");
      expect(() => F.conv2d(x, w, { strides: 2 } as never)).toThrow("conv2d() got an unexpected keyword argument 'strides'");
    });
  });
});

describe('nn kernels', () => {
  it('the SIMD run add used by col2im and the embedding backward equals its scalar reference', () => {
    tidy(() => {
      for (const count of [0, 1, 3, 4, 5, 8, 13, 64, 67]) {
        manualSeed(count);
        const from = randn([count]);
        const a = randn([count]);
        const b = a.clone();
        kernels.addRunSimdF32(a._ptr, from._ptr, count);
        kernels.addRunScalarF32(b._ptr, from._ptr, count);
        expect(values(a)).toEqual(values(b));
      }
    });
  });
});

describe('conv2d special shapes', () => {
  it('a 1x1 convolution (columns are the image itself) matches the reference, also on strided input', () => {
    tidy(() => {
      const c: ConvCase = { N: 2, C: 4, H: 3, W: 5, O: 6, kh: 1, kw: 1, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1, groups: 2, bias: true };
      manualSeed(60);
      const x = randn([c.N, c.C, c.W, c.H], { dtype: 'float64', requiresGrad: true });
      const xt = x.transpose(2, 3); // [N, C, H, W], not contiguous
      const w = randn([c.O, c.C / c.groups, 1, 1], { dtype: 'float64', requiresGrad: true });
      const b = randn([c.O], { dtype: 'float64' });
      const out = F.conv2d(xt, w, b, { groups: 2 });
      const g = randn(out.shape, { dtype: 'float64' });
      const ref = convReference(c, values(xt), values(w), values(b), values(g));
      expectClose(values(out), ref.out, 1e-12);
      const [gx, gw] = grad(out, [x, w], { gradOutputs: g });
      expectClose(values(gx!.transpose(2, 3)), ref.gx, 1e-12);
      expectClose(values(gw!), ref.gw, 1e-12);
    });
  });
});

describe('layerNorm backward paths', () => {
  it('the first-order kernel and the differentiable (createGraph) formula agree, with and without affine', () => {
    tidy(() => {
      manualSeed(61);
      for (const affine of [true, false]) {
        const x = randn([4, 3, 6], { dtype: 'float64' }).transpose(0, 1).requiresGrad_(true); // strided input
        const w = affine ? randn([6], { dtype: 'float64', requiresGrad: true }) : null;
        const b = affine ? randn([6], { dtype: 'float64', requiresGrad: true }) : null;
        const inputs = affine ? [x, w!, b!] : [x];
        const g = randn([3, 4, 6], { dtype: 'float64' });
        const fast = grad(F.layerNorm(x, 6, w, b), inputs, { gradOutputs: g });
        const recorded = grad(F.layerNorm(x, 6, w, b), inputs, { gradOutputs: g, createGraph: true });
        fast.forEach((t, i) => expectClose(values(t!), values(recorded[i]!), 1e-12));
      }
    });
  });
});

describe('embedding maxNorm', () => {
  it('rescales the referenced rows whose norm exceeds maxNorm, in place, before the lookup', () => {
    tidy(() => {
      const w = tensor([[3, 4], [0.3, 0.4], [6, 8], [1, 1]], { dtype: 'float64' });
      const out = F.embedding(tensor([0, 1, 0], { dtype: 'int32' }), w, { maxNorm: 1 });
      const s = 1 / (5 + 1e-7);
      expectClose(values(w), [3 * s, 4 * s, 0.3, 0.4, 6, 8, 1, 1], 1e-15);
      expectClose(values(out), [3 * s, 4 * s, 0.3, 0.4, 3 * s, 4 * s], 1e-15);
      F.embedding(tensor([3], { dtype: 'int32' }), w, null, 1, 1); // L1 norm 2 > 1
      expectClose(values(w).slice(6), [1 / (2 + 1e-7), 1 / (2 + 1e-7)], 1e-15);
    });
  });
});

describe('temporaries', () => {
  it('every functional frees what it allocates: only its result stays alive', () => {
    manualSeed(70);
    const x = randn([2, 4, 9, 9]);
    const w = randn([6, 2, 3, 3]);
    const b = randn([6]);
    const logits = randn([5, 4]);
    const target = tensor([1, 0, 3, 2, -100], { dtype: 'int32' });
    const probs = randn([5, 4]).sigmoid();
    const table = randn([7, 3]);
    const xt = x.transpose(2, 3);
    const [xFlat, wFlat] = [x.flatten(2), w.flatten(2)];
    const cols = randn([2, 8, 16]).transpose(1, 2).contiguous().transpose(1, 2);
    const [gamma, beta, posWeight] = [randn([4]), randn([4]), randn([4])];
    const [indices, classes] = [tensor([[1, 2], [6, 0]], { dtype: 'int32' }), tensor([1, 2], { dtype: 'int32' })];
    const ops: [string, () => Tensor | Tensor[]][] = [
      ['conv2d', () => F.conv2d(xt, w, b, 2, 1, 1, 2)],
      ['conv2d same', () => F.conv2d(x, w, b, { padding: 'same', groups: 2 })],
      ['conv1d', () => F.conv1d(xFlat, wFlat, null, 1, 1, 1, 2)],
      ['unfold', () => F.unfold(xt, 3, 1, 1)],
      ['fold', () => F.fold(cols, 5, 2)],
      ['maxPool2d', () => F.maxPool2d(xt, 3, 2, 1, 1, true, true)],
      ['avgPool2d', () => F.avgPool2d(x, 3, 2, 1)],
      ['adaptiveAvgPool2d', () => F.adaptiveAvgPool2d(x, 4)],
      ['layerNorm', () => F.layerNorm(x, [9, 9])],
      ['batchNorm', () => F.batchNorm(x, null, null, null, null, true)],
      ['groupNorm', () => F.groupNorm(x, 2, gamma, beta)],
      ['mseLoss', () => F.mseLoss(logits, probs)],
      ['huberLoss', () => F.huberLoss(logits, probs)],
      ['crossEntropy', () => F.crossEntropy(logits, target, { labelSmoothing: 0.1 })],
      ['nllLoss', () => F.nllLoss(logits, target, { reduction: 'none' })],
      ['binaryCrossEntropy', () => F.binaryCrossEntropy(probs, probs)],
      ['binaryCrossEntropyWithLogits', () => F.binaryCrossEntropyWithLogits(logits, probs, { posWeight })],
      ['dropout', () => F.dropout(x, 0.2)],
      ['embedding', () => F.embedding(indices, table)],
      ['oneHot', () => F.oneHot(classes)],
    ];
    for (const [name, run] of ops) {
      const before = memory().tensors;
      const out = run();
      for (const t of Array.isArray(out) ? out : [out]) t.dispose();
      expect(memory().tensors, name).toBe(before);
    }
  });
});

describe('temporaries with autograd', () => {
  it('after backward, nothing but the results and the gradients stays alive', () => {
    manualSeed(71);
    const x = randn([2, 4, 7, 7], { requiresGrad: true });
    const w = randn([6, 2, 3, 3], { requiresGrad: true });
    const b = randn([6], { requiresGrad: true });
    const gamma = randn([7], { requiresGrad: true });
    const logits = randn([5, 4], { requiresGrad: true });
    const target = tensor([1, 0, 3, 2, -100], { dtype: 'int32' });
    const table = randn([7, 3], { requiresGrad: true });
    const indices = tensor([[1, 2], [6, 0]], { dtype: 'int32' });
    const ops: [string, () => Tensor, Tensor[]][] = [
      ['conv2d', () => F.conv2d(x, w, b, 2, 1, 1, 2), [x, w, b]],
      ['maxPool2d', () => F.maxPool2d(x, 3, 2, 1), [x]],
      ['avgPool2d', () => F.avgPool2d(x, 3, 2, 1), [x]],
      ['layerNorm', () => F.layerNorm(x, [7], gamma), [x, gamma]],
      ['groupNorm', () => F.groupNorm(x, 2), [x]],
      ['crossEntropy', () => F.crossEntropy(logits, target, { labelSmoothing: 0.1 }), [logits]],
      ['embedding', () => F.embedding(indices, table), [table]],
    ];
    for (const [name, run, inputs] of ops) {
      const before = memory().tensors;
      const out = run();
      const total = out.sum();
      const grads = grad(total, inputs);
      for (const t of [out, total, ...grads]) t!.dispose();
      expect(memory().tensors, name).toBe(before);
    }
  });
});

describe("PyTorch's grad_fn names", () => {
  it('names every node as PyTorch does', () => {
    tidy(() => {
      manualSeed(72);
      const x = randn([2, 3, 4, 4], { requiresGrad: true });
      const p = randn([4, 3], { requiresGrad: true });
      const q = randn([4, 3]).sigmoid();
      const classes = tensor([0, 2, 1, 1], { dtype: 'int32' });
      const named: [Tensor, string][] = [
        [F.avgPool2d(x, 2), 'AvgPool2DBackward0'],
        [F.adaptiveMaxPool2d(x, 2), 'AdaptiveMaxPool2DBackward0'],
        [F.batchNorm(x, null, null, { training: true }), 'NativeBatchNormBackward0'],
        [F.groupNorm(x, 3), 'NativeGroupNormBackward0'],
        [F.mseLoss(p, q), 'MseLossBackward0'],
        [F.l1Loss(p, q), 'MeanBackward0'],
        [F.smoothL1Loss(p, q), 'SmoothL1LossBackward0'],
        [F.huberLoss(p, q), 'HuberLossBackward0'],
        [F.crossEntropy(p, classes), 'NllLossBackward0'],
        [F.binaryCrossEntropy(p.sigmoid(), q), 'BinaryCrossEntropyBackward0'],
        [F.binaryCrossEntropyWithLogits(p, q), 'BinaryCrossEntropyWithLogitsBackward0'],
        [F.dropout(p, 0.5), 'MulBackward0'],
      ];
      for (const [t, name] of named) expect(t.gradFn?.name()).toBe(name);
    });
  });

  it('dropout in place multiplies the input itself', () => {
    tidy(() => {
      manualSeed(73);
      const x = randn([50]).abs().add(1);
      const before = values(x);
      const y = F.dropout(x, { p: 0.5, inplace: true });
      expect(y).toBe(x);
      values(x).forEach((v, i) => expect(v === 0 || Math.abs(v - before[i] * 2) < 1e-5).toBe(true));
    });
  });
});
