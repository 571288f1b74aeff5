// Misuse of autograd: backward through a freed graph, outputs and inputs without gradients, and in-place writes
// that PyTorch refuses (leaves that require grad, views of them, outputs of multi-view functions, saved tensors).
import {
  AutogradError, DTypeError, GradcheckError, ShapeError, backward, full, grad, gradcheck, keep, ones, zeros,
} from '../../src/index';
import { badCallOn, withUnfinishedGraph, type BadCall } from './entry';

const leaf = (...shape: number[]) => ones(shape, { requiresGrad: true });
const freed =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed).';
const viewOfLeaf = 'a view of a leaf Variable that requires grad is being used in an in-place operation.';

/** A loss whose backward already ran once (without retainGraph), freeing the graph's saved tensors. */
function backwardDone(forward: (x: ReturnType<typeof leaf>) => ReturnType<typeof leaf>) {
  return () => {
    const x = leaf(3);
    const loss = forward(x);
    loss.backward();
    return { x, loss };
  };
}

export const autogradCalls: BadCall[] = [
  badCallOn('backward twice through exp (a saved output)', backwardDone((x) => x.exp().sum()), ({ loss }) => loss.backward(), AutogradError, freed),
  badCallOn('backward twice through mul (saved inputs)', backwardDone((x) => x.mul(x).sum()), ({ loss }) => loss.backward(), AutogradError, freed),
  badCallOn('grad after the graph was freed by backward', backwardDone((x) => x.sigmoid().sum()), ({ x, loss }) => grad(loss, x), AutogradError, freed),
  badCallOn('backward of a non-scalar output without a gradient', () => {
    const x = leaf(2);
    return { x, y: x.mul(2) };
  }, ({ y }) => y.backward(), AutogradError, 'grad can be implicitly created only for scalar outputs (got an output of shape [2])'),
  badCallOn('backward of a tensor that does not require grad', () => ones(2).sum(), (loss) => loss.backward(), AutogradError,
    'element 0 of tensors does not require grad and does not have a grad_fn'),
  badCallOn('grad with respect to a tensor that does not require grad', () => {
    const x = leaf(2);
    return { x, other: ones(2), loss: x.sum() };
  }, ({ other, loss }) => grad(loss, other), AutogradError, 'One of the differentiated Tensors does not require grad'),
  badCallOn('grad with respect to a tensor the output does not use', () => {
    const x = leaf(2);
    return { x, unused: leaf(2), loss: x.sum() };
  }, ({ unused, loss }) => grad(loss, unused), AutogradError, 'One of the differentiated Tensors appears to not have been used in the graph.'),
  badCallOn('backward with a gradient of shape [3] for an output of shape [2]', () => {
    const x = leaf(2);
    return { x, y: x.mul(2), g: ones(3) };
  }, ({ y, g }) => y.backward(g), ShapeError,
  'Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).'),
  badCallOn('backward with one gradient for two outputs', () => {
    const x = leaf(2);
    return { x, a: x.sum(), b: x.mul(2).sum(), g: ones([]) };
  }, ({ a, b, g }) => backward([a, b], [g]), ShapeError, 'grad_tensors should have the same length as tensors: got 1 gradients for 2 outputs'),
  badCallOn('mul_: in place on a leaf that requires grad', () => leaf(3), (x) => x.mul_(5), AutogradError,
    'a leaf Variable that requires grad is being used in an in-place operation.'),
  badCallOn('mul_: in place on a narrow view of a leaf that requires grad', () => {
    const x = leaf(3);
    return { x, view: x.narrow(0, 0, 2) };
  }, ({ view }) => view.mul_(5), AutogradError, viewOfLeaf),
  badCallOn('fill_: in place on a selected element of a leaf that requires grad', () => {
    const x = leaf(3);
    return { x, view: x.select(0, 1) };
  }, ({ view }) => view.fill_(5), AutogradError, viewOfLeaf),
  badCallOn('add_: in place on a transposed view of a narrow view of a leaf', () => {
    const x = leaf(3, 2);
    const narrowed = x.narrow(0, 0, 2);
    return { x, narrowed, view: narrowed.t() };
  }, ({ view }) => view.add_(1), AutogradError, viewOfLeaf),
  badCallOn('zero_: in place on a reshaped view of a leaf', () => {
    const x = leaf(2, 2);
    return { x, view: x.view(4) };
  }, ({ view }) => view.zero_(), AutogradError, viewOfLeaf),
  badCallOn('mul_: in place on an output of split', () => {
    const x = leaf(4);
    const y = x.mul(2);
    return { x, y, pieces: y.split(2) };
  }, ({ pieces }) => pieces[0].mul_(2), AutogradError,
  'Output 0 of SplitBackward0 is a view and is being modified inplace. This view is the output of a function that returns multiple views.'),
  badCallOn('add_: in place on an output of unbind', () => {
    const x = leaf(3);
    const y = x.mul(2);
    return { x, y, pieces: y.unbind(0) };
  }, ({ pieces }) => pieces[1].add_(1), AutogradError,
  'Output 1 of UnbindBackward0 is a view and is being modified inplace. This view is the output of a function that returns multiple views.'),
  withUnfinishedGraph(badCallOn('backward after a saved tensor was modified in place', () => {
    const x = leaf(3);
    const y = x.exp();
    const loss = y.sum();
    y.add_(1);
    return { x, y, loss };
  }, ({ loss }) => loss.backward(), AutogradError,
  'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.')),
  withUnfinishedGraph(badCallOn('backward that fails part way (a modified saved tensor) leaves every .grad as it was', () => {
    const a = leaf(2);
    a.grad = keep(full([2], 7));
    const b = leaf(2);
    const y = b.exp();
    const fromY = y.sum();
    const fromA = a.sum();
    const loss = fromY.add(fromA); // a's gradient is ready before the modified saved tensor of exp is reached
    y.add_(1);
    return { a, grad: a.grad, b, y, fromY, fromA, loss };
  }, ({ loss }) => loss.backward(), AutogradError, 'which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.')),
  badCallOn('requiresGrad_(false) on a computed tensor', () => {
    const x = leaf(2);
    return { x, y: x.mul(2) };
  }, ({ y }) => y.requiresGrad_(false), AutogradError, 'you can only change requires_grad flags of leaf variables.'),
  badCallOn('retainGrad on a tensor that does not require grad', () => zeros(2), (x) => x.retainGrad(), AutogradError,
    "can't retain_grad on Tensor that has requires_grad=False"),
  badCallOn('add_: in place on an expanded view', () => {
    const x = zeros(1, 3);
    return { x, view: x.expand(2, 3) };
  }, ({ view }) => view.add_(1), RangeError, 'more than one element of the written-to tensor refers to a single memory location'),
  badCallOn('gradcheck: no input requires grad', () => zeros(2, { dtype: 'float64' }), (x) => gradcheck((t) => t, [x]), GradcheckError,
    'gradcheck expects at least one input tensor to require gradient'),
  badCallOn('gradcheck: a float32 input', () => leaf(2), (x) => gradcheck((t) => t.mul(2), [x]), DTypeError,
    'gradcheck expects contiguous float64 leaf inputs that require grad (got float32, contiguous=true, leaf=true)'),
];
