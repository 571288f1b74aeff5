// ExD.3: a patch embedding. 6 grayscale 32x32 images are cut into 8x8 patches with einops' rearrange, and each
// vectorised patch goes through Linear(64, 64) -> ReLU -> Linear(64, 128).
import { manualSeed, nn, randn, type Tensor } from 'wasmgrad';

// e.g., 6 (random) images of size 32x32
manualSeed(1234);
const img = randn(6, 1, 32, 32);

const patchH = 8;
const patchW = 8;
const patchD = patchW * patchH;
const embeddingDim = 128;

const mapping = new nn.Sequential(
  new nn.Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: patchH, p2: patchW }),
  new nn.Linear(patchD, patchD, { bias: false }),
  new nn.ReLU(),
  new nn.Linear(patchD, embeddingDim, { bias: false }),
);

console.log(mapping.parameters().reduce((n, p) => n + p.numel(), 0));
console.log(`torch.Size([${img.shape.join(', ')}])`);
const out1 = mapping.forward(img);
console.log(`torch.Size([${out1.shape.join(', ')}])`);
console.log(String(mapping));
console.log(Object.keys(mapping.stateDict()));

// The same embedding as a convolution: Conv2d(1, 64, kernel 8, stride 8) holding the first Linear's weights,
// flattened over the 4x4 grid of patches (the sheet's MyOp found kernel and stride by solving for them).
const conv = new nn.Conv2d(1, 64, 8, { stride: 8, bias: false });
const first = mapping.get(1) as InstanceType<typeof nn.Linear>;
conv.weight.detach().copy_(first.weight.reshape(64, 8, 8, 1).permute(0, 3, 1, 2));
const viaConv: Tensor = conv.forward(img).flatten(2).transpose(1, 2);
const viaLinear: Tensor = first.forward(mapping.get(0).forward(img));
console.log(`max |conv - linear| on the first layer: ${viaConv.sub(viaLinear).abs().max().item().toExponential(2)}`);

// The sheet's MyOp: Conv2d(1, c, K, stride S) with c, K, S computed from the image and patch sizes.
class MyOp extends nn.Module {
  l2 = new nn.Flatten(2, -1);
  l3 = new nn.Linear(patchD, patchD, { bias: false });
  l4 = new nn.ReLU();
  l5 = new nn.Linear(patchD, embeddingDim, { bias: false });

  forward(x0: Tensor): Tensor {
    const [H, W] = x0.shape.slice(-2);
    const channels = (H / patchH) * (W / patchW);
    // out = (in - (K - 1) - 1) / S + 1 = P has the solution K = in - P + 1 with S = 1.
    const l1 = new nn.Conv2d(1, channels, H - patchH + 1, { stride: 1, bias: false });
    console.log('Before the network:', `torch.Size([${x0.shape.join(', ')}])`);
    const x1 = l1.forward(x0);
    console.log('After Conv2d:', `torch.Size([${x1.shape.join(', ')}])`);
    const x2 = this.l2.forward(x1);
    console.log('After Flatten:', `torch.Size([${x2.shape.join(', ')}])`);
    const x3 = this.l3.forward(x2);
    console.log('After 1st Linear:', `torch.Size([${x3.shape.join(', ')}])`);
    const x4 = this.l4.forward(x3);
    console.log('After ReLU:', `torch.Size([${x4.shape.join(', ')}])`);
    const x5 = this.l5.forward(x4);
    console.log('After final layer (Linear):', `torch.Size([${x5.shape.join(', ')}])`);
    return x5;
  }
}

console.log('Image-tensor size:', `torch.Size([${img.shape.join(', ')}])`);
const obj = new MyOp();
const out2 = obj.forward(img);
console.log('Are sizes after two networks the same?', out2.shape.join() === out1.shape.join() ? 'True' : 'False');
