"""One fuzz case: a wasmgrad call (its function path, arguments and options object) and the same call in PyTorch,
run in PyTorch and written as JSON with the inputs, the outputs, the gradients or the error.

wasmgrad's int32 is the role of PyTorch's int64 (README: int32 stands in for int64), so an int32 input is an int64
tensor in PyTorch, and int64 results are compared as int32.
"""
import math
import re
import warnings

import numpy as np
import torch

from draw import FLOATS, Input

TORCH_DTYPE = {"float32": torch.float32, "float64": torch.float64, "int32": torch.int64, "bool": torch.bool}


class DT:
    """A dtype argument: the wasmgrad dtype name in the corpus, the matching torch dtype in PyTorch."""

    def __init__(self, name):
        self.name = name


class Zero:
    """A scalar operand that PyTorch's function takes only as a tensor (torch.maximum(t, 2.0) is a TypeError):
    wasmgrad gets the number, PyTorch a 0-d tensor of the dtype a Python scalar of that kind would promote as (a
    0-d tensor does not promote within its category, so the result dtype is the same). Values are exact in float32."""

    def __init__(self, value):
        self.value = value

    def torch(self):
        if isinstance(self.value, bool):
            return torch.tensor(self.value)
        if isinstance(self.value, int):
            return torch.tensor(self.value, dtype=torch.int64)
        return torch.tensor(self.value, dtype=torch.float32)


def camel(name):
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


class Call:
    """`call` is wasmgrad's function path ('add', 'nn.functional.conv2d', 'linalg.matrixNorm'); `args` hold Input,
    lists, scalars, DT, Zero; `opts` (snake_case, None values dropped) becomes the trailing options object in
    camelCase and PyTorch's keyword arguments; `torch_fn(*args, **opts)` is the PyTorch call.

    Tolerance data for the runner: `n` is the number of terms an output or gradient element accumulates (reduction
    length, or the broadcast factor a gradient is summed over), `deg` the degree of the result in the inputs' magnitude
    (0: compared element by element; 1: sums and compositions; 2: products such as matmul and variance), and `zeros`
    whether the sign of a zero output must match (ops that select or compute one element from one element).
    `mag`, where given, computes the magnitude from the operands instead (normalisations divide the rounding error of
    the mean by the standard deviation). `precision` 'float32' compares float64 results at float32 tolerance, for
    calls that compute in float32 (cumprod(x64, dtype=float32): PyTorch's gradient formula reads the float64 input,
    wasmgrad's the float32 cast); run() also sets it where float32 and float64 operands meet."""

    def __init__(self, op, call, torch_fn, args, opts=None, n=1, deg=0, zeros=True, torch_opts=None, mutated=(), mag=None,
                 precision=None):
        self.op = op
        self.call = call
        self.torch_fn = torch_fn
        self.args = args
        self.opts = {k: v for k, v in (opts or {}).items() if v is not None}
        self.torch_opts = self.opts if torch_opts is None else torch_opts
        self.n = max(1, int(n))
        self.deg = deg
        self.zeros = zeros
        self.mutated = list(mutated)  # Inputs that the call writes into (batchNorm's running statistics)
        self.mag = mag  # a function of the PyTorch operands giving the magnitude, instead of `deg`
        self.precision = precision  # 'float32' when a float64 call computes in float32 (a dtype argument)
        self.inputs = []
        self._collect(args)
        self._collect(list(self.opts.values()))

    def _collect(self, value):
        if isinstance(value, Input):
            if all(value is not x for x in self.inputs):
                self.inputs.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                self._collect(v)


# ---------------------------------------------------------------- encoding


def num(v, dtype):
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and dtype not in FLOATS:
        return int(v)
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if dtype == "float32":
        return float(str(np.float32(v)))  # the shortest decimal that rounds back to the same float32
    return v


def encode_tensor(t):
    t = t.detach().contiguous()
    dtype = str(t.dtype).replace("torch.", "")
    flat = t.reshape(-1).tolist()
    if t.dtype.is_floating_point:
        data = [num(x, dtype) for x in flat]
    elif t.dtype == torch.bool:
        data = [bool(x) for x in flat]
    else:
        data = [int(x) for x in flat]
    return {"dtype": dtype, "shape": list(t.shape), "data": data}


def encode_input(inp):
    out = {"dtype": inp.dtype, "shape": inp.base_shape, "data": [num(v, inp.dtype) for v in inp.values]}
    if inp.view:
        out["view"] = inp.view
    if inp.grad:
        out["grad"] = True
    return out


def encode_arg(value, inputs):
    if isinstance(value, Input):
        return {"t": next(i for i, x in enumerate(inputs) if x is value)}
    if isinstance(value, DT):
        return value.name
    if isinstance(value, Zero):
        return encode_arg(value.value, inputs)
    if isinstance(value, (list, tuple)):
        return [encode_arg(v, inputs) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return {"f": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    return value


def error_of(e):
    message = str(e).strip().split("\n")[0]
    return {"type": type(e).__name__, "message": message[:160]}


# ---------------------------------------------------------------- running in PyTorch


def upstream(shape, dtype):
    """The fixed upstream gradient: element i is ((7 i) mod 11 - 5.5) / 4 (never zero, exact in any float dtype);
    the runner builds the same tensor."""
    n = math.prod(shape)
    vals = [((7 * i) % 11 - 5.5) / 4 for i in range(n)]
    return torch.tensor(vals, dtype=dtype).reshape(shape)


def build(inp):
    base = torch.tensor(inp.values, dtype=TORCH_DTYPE[inp.dtype]).reshape(inp.base_shape)
    if inp.grad:
        base.requires_grad_(True)
    x = base
    for step in inp.view:
        kind = step[0]
        if kind == "transpose":
            x = x.transpose(step[1], step[2])
        elif kind == "permute":
            x = x.permute(*step[1])
        elif kind == "slice":
            _, d, start, end, stride = step
            x = x[(slice(None),) * d + (slice(start, end, stride),)]
        elif kind == "expand":
            x = x.expand(*step[1])
    return base, x


def torch_arg(value, operands):
    if isinstance(value, Input):
        return operands[id(value)]
    if isinstance(value, DT):
        return TORCH_DTYPE[value.name]
    if isinstance(value, Zero):
        return value.torch()
    if isinstance(value, list):
        return [torch_arg(v, operands) for v in value]
    if isinstance(value, tuple):
        return tuple(torch_arg(v, operands) for v in value)
    return value


def outputs_of(result):
    if isinstance(result, torch.Tensor):
        return [result]
    if isinstance(result, (tuple, list)):
        return [r for r in result]
    raise TypeError(f"unexpected result {type(result)}")


def magnitude(call, operands):
    """The inputs' largest finite magnitude to the power `deg` (at least 1): scales the absolute tolerance."""
    if call.mag is not None:
        m = float(call.mag(*[operands[id(i)] for i in call.inputs]))
        return max(1.0, m) if math.isfinite(m) else "Infinity"
    if call.deg == 0:
        return 1
    m = 1.0
    for inp in call.inputs:
        if inp.dtype in FLOATS:
            finite = [abs(v) for v in inp.values if math.isfinite(v)]
            if finite:
                m = max(m, max(finite))
    try:
        return float(m ** call.deg)
    except OverflowError:
        return "Infinity"


class Result:
    """One execution of a call in PyTorch: outputs, gradients (per input, None where none) or the errors."""

    def __init__(self):
        self.outs = None
        self.error = None
        self.grads = None
        self.grad_outputs = None
        self.grad_error = None
        self.operands = None


def execute(call, contiguous=False):
    """Runs the call on freshly built inputs; `contiguous` gives it contiguous copies of the operands instead."""
    r = Result()
    leaves, operands = [], {}
    for inp in call.inputs:
        base, x = build(inp)
        leaves.append(base)
        operands[id(inp)] = x.contiguous() if contiguous and inp.view and inp not in call.mutated else x
    r.operands = operands
    targs = [torch_arg(a, operands) for a in call.args]
    tkw = {k: torch_arg(v, operands) for k, v in call.torch_opts.items()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r.outs = outputs_of(call.torch_fn(*targs, **tkw))
    except Exception as e:
        r.error = e
        return r
    differentiable = [o for o in r.outs if o.requires_grad]
    wrt = [leaf for leaf, inp in zip(leaves, call.inputs) if inp.grad]
    if differentiable and wrt:
        try:
            grads = iter(torch.autograd.grad(
                differentiable, wrt, [upstream(list(o.shape), o.dtype) for o in differentiable], allow_unused=True
            ))
        except Exception as e:
            r.grad_error = e
            return r
        r.grad_outputs = [i for i, o in enumerate(r.outs) if o.requires_grad]
        r.grads = [next(grads) if inp.grad else None for inp in call.inputs]
    return r


def close(a, b):
    """Loose agreement of two PyTorch results (NaN equal to NaN): strides changed the numbers, not rounding."""
    if a is None or b is None:
        return a is None and b is None
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if not a.dtype.is_floating_point:
        return torch.equal(a, b)
    a, b = a.detach().double(), b.detach().double()
    finite = b[torch.isfinite(b)]
    scale = max(1.0, float(finite.abs().max())) if finite.numel() else 1.0
    return torch.allclose(a, b, rtol=1e-3, atol=1e-3 * scale, equal_nan=True)


def strides_matter(call, r):
    """Whether PyTorch gives other numbers for contiguous copies of the same operands: then its result for the
    strided ones is a PyTorch bug (the case records it, and the README lists such differences)."""
    if not any(inp.view for inp in call.inputs):
        return False
    c = execute(call, contiguous=True)
    if (c.error is None) != (r.error is None) or (c.grad_error is None) != (r.grad_error is None):
        return True
    if r.outs is not None and (len(c.outs) != len(r.outs) or not all(close(x, y) for x, y in zip(c.outs, r.outs))):
        return True
    if r.grads is not None and (c.grads is None or not all(close(x, y) for x, y in zip(c.grads, r.grads))):
        return True
    return False


def run(call, case_id):
    """Runs the call in PyTorch and returns the corpus entry."""
    r = execute(call)
    entry = {
        "id": case_id,
        "op": call.op,
        "call": call.call,
        "args": [encode_arg(a, call.inputs) for a in call.args],
    }
    if call.opts:
        entry["opts"] = {camel(k): encode_arg(v, call.inputs) for k, v in call.opts.items()}
    entry["inputs"] = [encode_input(i) for i in call.inputs]
    entry["tol"] = {"n": call.n, "mag": magnitude(call, r.operands), "zeros": call.zeros}
    precision = call.precision
    floats = {i.dtype for i in call.inputs if i.dtype in FLOATS}
    if "float64" in floats and ("float32" in floats or (r.outs is not None and any(o.dtype == torch.float32 for o in r.outs))):
        # float32 and float64 meet (a 0-d operand, a dtype argument, mixed operands): PyTorch's formulas may compute
        # with the float32 operand before promoting, so float64 results carry float32 rounding
        precision = "float32"
    if precision is not None:
        entry["tol"]["precision"] = precision
    if strides_matter(call, r):
        entry["stridesMatter"] = True
    if r.error is not None:  # PyTorch refused the call: wasmgrad must refuse it too
        entry["error"] = error_of(r.error)
        return entry
    entry["out"] = [encode_tensor(o) for o in r.outs]
    if call.mutated:
        entry["mutated"] = {
            str(next(i for i, x in enumerate(call.inputs) if x is m)): encode_tensor(r.operands[id(m)]) for m in call.mutated
        }
    if r.grad_error is not None:
        entry["gradError"] = error_of(r.grad_error)
    elif r.grads is not None:
        entry["gradOutputs"] = r.grad_outputs
        entry["grads"] = [None if g is None else encode_tensor(g) for g in r.grads]
    return entry
