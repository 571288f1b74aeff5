"""The fuzzer's op table: for each wasmgrad op, a function that draws one random call (a `Call`).

Names are wasmgrad's (PyTorch's in camelCase); each entry states the PyTorch function it is compared with. Only
calls that wasmgrad exports are drawn. Where PyTorch 1.13 and current PyTorch differ, the reference follows current
PyTorch (noted at the entry).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from calls import DT, Call, Zero
from draw import FLOATS

ALL_DTYPES = ("float32", "float64", "int32", "bool")


def any_dtype(d, weights=(6, 2, 1.5, 0.8)):
    return d.pick(ALL_DTYPES, weights)


def numel(shape):
    return math.prod(shape)


def broadcast(*shapes):
    try:
        return list(np.broadcast_shapes(*[tuple(s) for s in shapes]))
    except ValueError:
        return None


def broadcast_factor(out_shape, *shapes):
    """How many output elements a gradient element of each operand sums over (at most)."""
    if out_shape is None:
        return 1
    return max([1] + [numel(out_shape) // max(1, numel(s)) for s in shapes])


def scalar_kind(d, dtype):
    if d.chance(0.2):
        return d.pick(["float", "int", "bool"])
    return {"float32": "float", "float64": "float", "int32": "int", "bool": "bool"}[dtype]


def a_dim(d, ndim, bad=0.04):
    """A dim for a tensor of `ndim` dims (0-d tensors take 0 and -1), sometimes out of range."""
    n = max(1, ndim)
    if d.chance(bad):
        return d.pick([n, -n - 1])
    return d.int(-n, n - 1)


def some_dims(d, ndim, bad=0.03):
    """A list of distinct dims (for reductions over several dims)."""
    if ndim == 0:
        return [d.pick([0, -1])]
    k = d.int(1, ndim)
    dims = d.r.sample(range(ndim), k)
    dims = [x - ndim if d.chance(0.3) else x for x in dims]
    if d.chance(bad):
        dims.append(dims[0])  # a repeated dim
    return dims


def reduced(shape, dims):
    """Number of elements reduced into one output element."""
    if dims is None:
        return max(1, numel(shape))
    nd = max(1, len(shape))
    dims = [dims] if isinstance(dims, int) else dims
    size = 1
    for x in set(dims):
        if -nd <= x < nd and len(shape) > 0:
            size *= shape[x]
    return max(1, size)


# ====================================================================== elementwise: unary

UNARY = [
    ("exp", torch.exp, "real"), ("exp2", torch.exp2, "real"), ("expm1", torch.expm1, "real"),
    ("log", torch.log, "positive"), ("log2", torch.log2, "positive"), ("log10", torch.log10, "positive"),
    ("log1p", torch.log1p, "positive"), ("sqrt", torch.sqrt, "positive"), ("rsqrt", torch.rsqrt, "positive"),
    ("sin", torch.sin, "real"), ("cos", torch.cos, "real"), ("tanh", torch.tanh, "real"),
    ("sigmoid", torch.sigmoid, "real"), ("atan", torch.atan, "real"), ("asin", torch.asin, "unit"),
    ("erf", torch.erf, "real"), ("reciprocal", torch.reciprocal, "real"), ("floor", torch.floor, "real"),
    ("ceil", torch.ceil, "real"), ("trunc", torch.trunc, "real"), ("round", torch.round, "real"),
    ("neg", torch.neg, "real"), ("abs", torch.abs, "real"), ("sign", torch.sign, "real"),
    ("square", torch.square, "real"), ("logicalNot", torch.logical_not, "real"),
]


def unary(name, fn, domain):
    def gen(d):
        dom = domain if d.chance(0.85) else "real"
        x = d.tensor(d.shape(), any_dtype(d), dom)
        return Call(name, name, fn, [x])
    return gen


# ====================================================================== activations (nn.functional)


def activation(name, fn, options, zeros):
    def gen(d):
        dtype = any_dtype(d, (7, 2, 0.6, 0.3))
        x = d.tensor(d.shape(), dtype, "big" if d.chance(0.15) else "real")
        opts = {}
        for key, values in options.items():
            if d.chance(0.5):
                opts[key] = d.pick(values)
        return Call(name, "nn.functional." + name, fn, [x], opts, deg=0, zeros=zeros)
    return gen


# (name, function, options, zeros): the sign of a zero result is compared for the activations that select or scale
# their input, not for those computed through a formula (elu's exp(x) - 1, gelu's x * (1 + erf) / 2 ...) whose zero
# sign depends on how the formula is written.
ACTIVATIONS = [
    ("relu", F.relu, {}, True),
    ("leakyRelu", F.leaky_relu, {"negative_slope": [0.01, 0.2, -0.5, 0.0, 1.5]}, True),
    ("elu", F.elu, {"alpha": [1.0, 0.5, 2.0, -1.0]}, False),
    ("silu", F.silu, {}, False),
    ("gelu", F.gelu, {"approximate": ["none", "tanh"]}, False),
    ("softplus", F.softplus, {"beta": [1, 2, 0.5, -1], "threshold": [20, 1, 5]}, False),
]


# ====================================================================== elementwise: binary


def operand_pair(d, domain_a="real", domain_b="real", scalar=True, scalar_first=False, wrap=False, same_dtype=0.7):
    """Two operands with broadcasting shapes (or a tensor and a scalar); returns (args, broadcast factor)."""
    shape = d.shape()
    dt_a = any_dtype(d)
    dt_b = dt_a if d.chance(same_dtype) else any_dtype(d)
    a = d.tensor(shape, dt_a, domain_a)
    r = d.r.random()
    if scalar and r < 0.22:
        s = d.scalar(scalar_kind(d, dt_b))
        s = Zero(s) if wrap else s
        return ([s, a] if scalar_first and d.chance(0.4) else [a, s]), 1
    shape_b = d.broadcast_partner(shape)
    b = d.tensor(shape_b, dt_b, domain_b)
    out = broadcast(shape, shape_b)
    args = [a, b] if d.chance(0.6) else [b, a]
    return args, broadcast_factor(out, shape, shape_b)


def binary(name, fn, wrap=False, alpha=False, rounding=False, scalar_first=False, domain_b="real", deg=0):
    def gen(d):
        args, n = operand_pair(d, domain_b=domain_b, scalar_first=scalar_first, wrap=wrap)
        opts = {}
        if alpha and d.chance(0.35):
            opts["alpha"] = d.pick([2, -1, 0.5, -1.5, 0, 3])
        if rounding and d.chance(0.6):
            opts["rounding_mode"] = d.pick(["trunc", "floor"])
        return Call(name, name, fn, args, opts, n=n, deg=deg)
    return gen


POW_EXPONENTS = [2, 3, 0.5, -0.5, -1, -2, 0, 1, 1.5, 2.5, -3, 4]


def small_ints(d, *inputs):
    """Integer operands of pow within [-6, 6]: int32 stands in for int64, and powers must not overflow either."""
    for x in inputs:
        if x.dtype == "int32":
            x.values = [d.int(-6, 6) for _ in x.values]


def g_pow(d):
    shape = d.shape()
    dtype = any_dtype(d, (6, 2, 2, 0.5))
    r = d.r.random()
    if r < 0.4:
        base = d.tensor(shape, dtype, "positive" if d.chance(0.7) else "real")
        small_ints(d, base)
        return Call("pow", "pow", torch.pow, [base, d.pick(POW_EXPONENTS)])
    if r < 0.55:
        e = d.tensor(shape, dtype, "real")
        small_ints(d, e)
        return Call("pow", "pow", torch.pow, [d.pick([2, 0.5, 3.5, -2, 0, 1, 10]), e])
    base = d.tensor(shape, dtype, "positive" if d.chance(0.7) else "real")
    shape_e = d.broadcast_partner(shape)
    e = d.tensor(shape_e, dtype if d.chance(0.8) else any_dtype(d), "real")
    small_ints(d, base, e)
    return Call("pow", "pow", torch.pow, [base, e], n=broadcast_factor(broadcast(shape, shape_e), shape, shape_e))


BINARY = [
    ("add", torch.add, dict(alpha=True)),
    ("sub", torch.sub, dict(alpha=True)),
    ("rsub", torch.rsub, dict(alpha=True)),
    ("mul", torch.mul, {}),
    ("div", torch.div, dict(rounding=True)),
    ("floorDivide", torch.floor_divide, {}),
    ("maximum", torch.maximum, dict(wrap=True)),
    ("minimum", torch.minimum, dict(wrap=True)),
    ("atan2", torch.atan2, dict(wrap=True)),
    ("fmod", torch.fmod, {}),
    ("remainder", torch.remainder, {}),
    ("logaddexp", torch.logaddexp, dict(wrap=True, deg=1)),
    ("eq", torch.eq, {}), ("ne", torch.ne, {}), ("lt", torch.lt, {}),
    ("le", torch.le, {}), ("gt", torch.gt, {}), ("ge", torch.ge, {}),
    ("logicalAnd", torch.logical_and, dict(wrap=True)),
    ("logicalOr", torch.logical_or, dict(wrap=True)),
    ("logicalXor", torch.logical_xor, dict(wrap=True)),
]


# ====================================================================== ternary: where, clamp, lerp, addcmul, addcdiv


def g_where(d):
    shape = d.shape()
    cond = d.tensor(shape, "bool" if d.chance(0.95) else "int32")
    dt = any_dtype(d)
    operands = []
    shapes = [shape]
    for _ in range(2):
        if d.chance(0.25):
            operands.append(d.scalar(scalar_kind(d, dt)))
        else:
            s = d.broadcast_partner(shape)
            shapes.append(s)
            operands.append(d.tensor(s, dt if d.chance(0.75) else any_dtype(d)))
    n = broadcast_factor(broadcast(*shapes), *shapes)
    return Call("where", "where", torch.where, [cond] + operands, n=n)


def g_clamp(d):
    shape = d.shape()
    dtype = any_dtype(d, (6, 2, 2, 0.3))
    x = d.tensor(shape, dtype)
    kind = d.pick(["scalar", "tensor"], [3, 2])
    shapes = [shape]

    def bound(lo):
        if kind == "scalar":
            v = d.scalar(scalar_kind(d, dtype))
            return v - 1 if lo and isinstance(v, (int, float)) and not isinstance(v, bool) else v
        s = d.broadcast_partner(shape)
        shapes.append(s)
        return d.tensor(s, dtype if d.chance(0.85) else any_dtype(d))

    which = d.pick(["both", "min", "max", "none"], [6, 2, 2, 0.3])
    lo = bound(True) if which in ("both", "min") else None
    hi = bound(False) if which in ("both", "max") else None
    n = broadcast_factor(broadcast(*shapes), *shapes)
    if d.chance(0.25) and which in ("min", "max"):
        op = "clampMin" if which == "min" else "clampMax"
        fn = torch.clamp_min if which == "min" else torch.clamp_max
        return Call(op, op, fn, [x, lo if which == "min" else hi], n=n)
    return Call("clamp", "clamp", torch.clamp, [x], {"min": lo, "max": hi}, n=n)


def g_lerp(d):
    shape = d.shape()
    dtype = d.float_dtype() if d.chance(0.95) else "int32"
    start = d.tensor(shape, dtype)
    s_end = d.broadcast_partner(shape)
    end = d.tensor(s_end, dtype)
    shapes = [shape, s_end]
    if d.chance(0.5):
        w = d.pick([0.25, 0.5, 0.75, -0.5, 1.5, 0.0, 1.0])
    else:
        s_w = d.broadcast_partner(shape)
        shapes.append(s_w)
        w = d.tensor(s_w, dtype, "prob")
    return Call("lerp", "lerp", torch.lerp, [start, end, w], n=broadcast_factor(broadcast(*shapes), *shapes), deg=1)


def pointwise3(name, fn, domain3):
    def gen(d):
        shape = d.shape()
        dtype = any_dtype(d, (7, 2, 1, 0.2))
        shapes = [shape, d.broadcast_partner(shape), d.broadcast_partner(shape)]
        ts = [d.tensor(s, dtype, dom) for s, dom in zip(shapes, ["real", "real", domain3])]
        opts = {"value": d.pick([0.5, -2, 3, 1.25])} if d.chance(0.5) else {}
        return Call(name, name, fn, ts, opts, n=broadcast_factor(broadcast(*shapes), *shapes), deg=2)
    return gen


# ====================================================================== reductions


def down_cast(dtype, opts):
    """'float32' when a dtype argument makes a float64 input compute in float32."""
    target = opts.get("dtype")
    return "float32" if dtype == "float64" and target is not None and target.name == "float32" else None


def g_sum_mean(name, fn):
    def gen(d):
        shape = d.shape()
        dtype = any_dtype(d, (6, 2, 2, 1))
        x = d.tensor(shape, dtype)
        opts = {}
        args = [x]
        dims = None
        if d.chance(0.7):
            dims = some_dims(d, len(shape)) if d.chance(0.4) else a_dim(d, len(shape))
            args.append(dims)
            if d.chance(0.6):
                opts["keepdim"] = d.chance(0.5)
        if d.chance(0.12):
            opts["dtype"] = DT(d.pick(["float32", "float64", "int32"]))
        return Call(name, name, fn, args, opts, n=reduced(shape, dims), deg=1, zeros=False,
                    precision=down_cast(dtype, opts))
    return gen


def g_prod(d):
    shape = d.shape(max_numel=40)
    dtype = any_dtype(d, (6, 2, 1, 0.5))
    x = d.tensor(shape, dtype)
    if dtype == "int32":  # small factors: int32 stands in for int64, and products must not overflow either
        x.values = [d.int(-1, 2) for _ in x.values]
    args, opts, dims = [x], {}, None
    if d.chance(0.6):
        dims = a_dim(d, len(shape))
        args.append(dims)
        if d.chance(0.5):
            opts["keepdim"] = d.chance(0.5)
    return Call("prod", "prod", torch.prod, args, opts, n=reduced(shape, dims), deg=0, zeros=True)


def g_amax(name, fn):
    def gen(d):
        shape = d.shape()
        x = d.tensor(shape, any_dtype(d, (6, 2, 2, 0.7)))
        args, opts, dims = [x], {}, None
        if d.chance(0.75):
            dims = some_dims(d, len(shape)) if d.chance(0.4) else a_dim(d, len(shape))
            args.append(dims)
            if d.chance(0.5):
                opts["keepdim"] = d.chance(0.5)
        return Call(name, name, fn, args, opts, n=reduced(shape, dims), zeros=True)
    return gen


def g_max_min(name, fn):
    def gen(d):
        shape = d.shape()
        dtype = any_dtype(d, (6, 2, 2, 0.7))
        x = d.tensor(shape, dtype)
        r = d.r.random()
        if r < 0.3:
            return Call(name, name, fn, [x], n=numel(shape), zeros=True)
        if r < 0.45:
            s = d.broadcast_partner(shape)
            y = d.tensor(s, dtype if d.chance(0.8) else any_dtype(d))
            return Call(name, name, fn, [x, y], n=broadcast_factor(broadcast(shape, s), shape, s), zeros=True)
        dim = a_dim(d, len(shape))
        opts = {"keepdim": d.chance(0.5)} if d.chance(0.6) else {}
        return Call(name, name, fn, [x, dim], opts, n=reduced(shape, dim), zeros=True)
    return gen


def g_argmax(name, fn):
    def gen(d):
        shape = d.shape()
        x = d.tensor(shape, any_dtype(d, (6, 2, 2, 0.5)))
        args, opts = [x], {}
        if d.chance(0.7):
            args.append(a_dim(d, len(shape)))
            if d.chance(0.5):
                opts["keepdim"] = d.chance(0.5)
        elif d.chance(0.2):
            opts["keepdim"] = True
        return Call(name, name, fn, args, opts)
    return gen


def g_var(name, fn, deg):
    def gen(d):
        shape = d.shape()
        dtype = d.float_dtype() if d.chance(0.93) else "int32"
        x = d.tensor(shape, dtype, "big" if d.chance(0.1) else "real")
        opts = {}
        dims = None
        if d.chance(0.7):
            dims = some_dims(d, len(shape)) if d.chance(0.4) else a_dim(d, len(shape))
            opts["dim"] = dims
        r = d.r.random()
        if r < 0.3:
            opts["unbiased"] = d.chance(0.5)
        elif r < 0.55:
            opts["correction"] = d.pick([0, 1, 2])
        if dims is not None and d.chance(0.5):
            opts["keepdim"] = d.chance(0.5)
        # PyTorch 1.13's correction overload has no default for dim (current PyTorch has): pass dim=None to it
        torch_opts = dict(opts, dim=None) if "correction" in opts and dims is None else None
        return Call(name, name, fn, [x], opts, n=reduced(shape, dims), deg=deg, zeros=False, torch_opts=torch_opts)
    return gen


def g_logsumexp(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d, (7, 2, 1, 0.3)), "big" if d.chance(0.1) else "real")
    dims = some_dims(d, len(shape)) if d.chance(0.4) else a_dim(d, len(shape))
    opts = {"keepdim": d.chance(0.5)} if d.chance(0.5) else {}
    return Call("logsumexp", "logsumexp", torch.logsumexp, [x, dims], opts, n=reduced(shape, dims), deg=1, zeros=False)


def g_along_dim(name, fn, dtypes=(7, 2, 1.5, 0.5), zeros=False):
    def gen(d):
        shape = d.shape()
        dtype = any_dtype(d, dtypes)
        x = d.tensor(shape, dtype, "big" if d.chance(0.1) else "real")
        if name == "cumprod" and dtype == "int32":
            x.values = [d.int(-1, 2) for _ in x.values]
        dim = a_dim(d, len(shape))
        opts = {"dtype": DT(d.pick(["float32", "float64"]))} if d.chance(0.12) else {}
        return Call(name, name, fn, [x, dim], opts, n=reduced(shape, dim), deg=1 if name != "cumprod" else 0, zeros=zeros,
                    precision=down_cast(dtype, opts))
    return gen


def current_norm(x, p="fro", dim=None, keepdim=False):
    """Current PyTorch's Tensor.norm for vector orders: torch.linalg.vector_norm (PyTorch 1.13's torch.norm took
    another path; wasmgrad follows current PyTorch)."""
    if p == "fro":
        p = 2
    return torch.linalg.vector_norm(x, p, dim, keepdim)


def g_norm(d):
    shape = d.shape()
    dtype = d.float_dtype() if d.chance(0.93) else "int32"
    x = d.tensor(shape, dtype, "big" if d.chance(0.1) else "real")
    p = d.pick([2, 1, math.inf, -math.inf, 0, 3, 0.5, "fro", 1.5])
    args = [x, p]
    dims = None
    opts = {}
    if d.chance(0.6):
        dims = a_dim(d, len(shape)) if (d.chance(0.6) or len(shape) < 2) else some_dims(d, len(shape))[:2]
        args.append(dims)
        if d.chance(0.5):
            opts["keepdim"] = d.chance(0.5)
    return Call("norm", "norm", current_norm, args, opts, n=reduced(shape, dims), deg=1, zeros=False)


def g_logical_reduce(name, fn):
    def gen(d):
        shape = d.shape()
        x = d.tensor(shape, any_dtype(d, (3, 1, 2, 4)))
        args, opts = [x], {}
        if d.chance(0.6):
            args.append(a_dim(d, len(shape)))
            if d.chance(0.5):
                opts["keepdim"] = d.chance(0.5)
        return Call(name, name, fn, args, opts)
    return gen


def g_count_nonzero(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d))
    args = [x]
    if d.chance(0.6):
        args.append(a_dim(d, len(shape)) if d.chance(0.6) else some_dims(d, len(shape)))
    return Call("countNonzero", "countNonzero", torch.count_nonzero, args)


# ====================================================================== views and indexing


def g_transpose(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d))
    return Call("transpose", "transpose", torch.transpose, [x, a_dim(d, len(shape)), a_dim(d, len(shape))])


def g_permute(d):
    shape = d.shape()
    perm = list(range(len(shape)))
    d.r.shuffle(perm)
    perm = [p - len(shape) if d.chance(0.2) else p for p in perm]
    if perm and d.chance(0.05):
        perm[0] = perm[-1] if len(perm) > 1 else len(shape) + 1
    x = d.tensor(shape, any_dtype(d))
    return Call("permute", "permute", torch.permute, [x, perm])


def g_narrow(d):
    shape = d.shape(min_ndim=1)
    x = d.tensor(shape, any_dtype(d))
    dim = a_dim(d, len(shape))
    size = shape[dim] if -len(shape) <= dim < len(shape) else 3
    start = d.int(-size, size) if size else 0
    length = d.int(0, max(0, size - (start % size if size else 0))) if d.chance(0.9) else size + 1
    return Call("narrow", "narrow", torch.narrow, [x, dim, start, length])


def g_select(d):
    shape = d.shape(min_ndim=1)
    x = d.tensor(shape, any_dtype(d))
    dim = a_dim(d, len(shape))
    size = shape[dim] if -len(shape) <= dim < len(shape) else 2
    index = d.int(-size, size - 1) if (size and d.chance(0.92)) else size
    return Call("select", "select", torch.select, [x, dim, index])


def g_flip(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d))
    dims = some_dims(d, len(shape), bad=0.03)
    return Call("flip", "flip", torch.flip, [x, dims])


def g_roll(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d))
    r = d.r.random()
    if r < 0.25 or not shape:
        return Call("roll", "roll", torch.roll, [x, d.int(-7, 7)])
    if r < 0.6:
        return Call("roll", "roll", torch.roll, [x, d.int(-7, 7), a_dim(d, len(shape))])
    dims = some_dims(d, len(shape), bad=0)
    shifts = [d.int(-5, 5) for _ in dims]
    if d.chance(0.05):
        shifts.append(1)
    return Call("roll", "roll", torch.roll, [x, shifts, dims])


def index_values(d, size, n, bad=0.04):
    if size == 0 or d.chance(bad):
        return [d.pick([size, -1, size + 2]) for _ in range(n)] if n else []
    return [d.int(0, size - 1) for _ in range(n)]


def g_gather(d):
    shape = d.shape(min_ndim=1, allow_empty=d.chance(0.3))
    x = d.tensor(shape, any_dtype(d))
    dim = a_dim(d, len(shape), bad=0.02)
    k = dim % len(shape) if -len(shape) <= dim < len(shape) else 0
    ishape = [d.int(0 if s == 0 else 1, s) if i != k else d.int(0, 5) for i, s in enumerate(shape)]
    if d.chance(0.04):
        ishape = ishape[1:] or [2, 2]
    index = d.tensor(ishape, "int32", view=0.15)
    index.values = index_values(d, shape[k], numel(index.base_shape))
    return Call("gather", "gather", torch.gather, [x, dim, index], n=max(1, numel(ishape)))


def g_index_select(d):
    shape = d.shape(min_ndim=0)
    x = d.tensor(shape, any_dtype(d))
    dim = a_dim(d, len(shape), bad=0.02)
    size = shape[dim] if (shape and -len(shape) <= dim < len(shape)) else 1
    ishape = [d.int(0, 6)] if d.chance(0.85) else []
    if not shape:
        # PyTorch 1.13 reads uninitialised memory for a 0-d input with an empty index and writes out of bounds for
        # one with several indices: a 0-d input gets one index
        ishape = d.pick([[1], []])
    index = d.tensor(ishape, "int32", view=0.1)
    index.values = index_values(d, size, numel(index.base_shape))
    return Call("indexSelect", "indexSelect", torch.index_select, [x, dim, index], n=max(1, numel(ishape)))


def g_cat_stack(name, fn):
    def gen(d):
        shape = d.shape(min_ndim=0 if name == "stack" else 1, max_numel=40)
        dtype = any_dtype(d)
        dim = a_dim(d, len(shape) + (1 if name == "stack" else 0), bad=0.03)
        k = dim % max(1, len(shape)) if shape else 0
        ts = []
        for _ in range(d.int(1, 4)):
            s = list(shape)
            if name == "cat" and shape:
                s[k] = d.int(0, 4)
            if d.chance(0.05) and s:
                s[-1] += 1  # does not fit
            ts.append(d.tensor(s, dtype if d.chance(0.85) else any_dtype(d)))
        return Call(name, name, fn, [ts, dim])
    return gen


def g_triangle(name, fn):
    def gen(d):
        shape = d.shape(min_ndim=1 if d.chance(0.1) else 2)
        x = d.tensor(shape, any_dtype(d))
        args = [x]
        if d.chance(0.6):
            args.append(d.int(-4, 4))
        return Call(name, name, fn, args)
    return gen


def g_pad(d):
    mode = d.pick(["constant", "reflect", "replicate", "circular"], [5, 2, 2, 1])
    if mode == "constant":
        shape = d.shape()
        k = d.int(1, max(1, len(shape))) if shape else 1
        pads = [d.int(-1, 3) for _ in range(2 * k)]
    else:
        # PyTorch: batch and channel dims before the 1-3 padded spatial dims
        k = d.pick([1, 2, 3], [3, 3, 1])
        shape = [d.int(1, 2), d.int(1, 3)][: d.int(1, 2)] + [d.int(2, 5) for _ in range(k)]
        if d.chance(0.1):
            shape = shape[1:]
        pads = [d.int(0, 2) for _ in range(2 * k)]
    x = d.tensor(shape, d.float_dtype() if d.chance(0.9) else "int32")
    opts = {"mode": mode}
    if mode == "constant" and d.chance(0.5):
        opts["value"] = d.pick([1.5, -2.0, 0.0])
    return Call("pad", "nn.functional.pad", F.pad, [x, pads], opts)


def g_reshape(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d), view=0.5)
    n = numel(shape)
    target = []
    rest = n
    while rest > 1 and len(target) < 3:
        f = d.pick([f for f in range(1, rest + 1) if rest % f == 0])
        target.append(f)
        rest //= f
    target.append(rest)
    if d.chance(0.3):
        target[d.int(0, len(target) - 1)] = -1
    if d.chance(0.04):
        target.append(2)
    return Call("reshape", "reshape", torch.reshape, [x, target])


def g_unsqueeze_squeeze(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d))
    if d.chance(0.5):
        return Call("unsqueeze", "unsqueeze", torch.unsqueeze, [x, a_dim(d, len(shape) + 1)])
    args = [x] if d.chance(0.3) else [x, a_dim(d, len(shape))]
    return Call("squeeze", "squeeze", torch.squeeze, args)


def g_flatten(d):
    shape = d.shape()
    x = d.tensor(shape, any_dtype(d), view=0.4)
    args = [x]
    if d.chance(0.7):
        args += sorted([a_dim(d, len(shape), bad=0), a_dim(d, len(shape), bad=0)], key=lambda v: v % max(1, len(shape)))
    return Call("flatten", "flatten", torch.flatten, args)


def g_diagonal(d):
    shape = d.shape(min_ndim=2)
    x = d.tensor(shape, any_dtype(d))
    args = [x, d.int(-3, 3)]
    if len(shape) > 2 and d.chance(0.5):
        a, b = d.r.sample(range(len(shape)), 2)
        args += [a, b]
    return Call("diagonal", "diagonal", torch.diagonal, args)


def g_expand(d):
    shape = d.shape(max_numel=24)
    x = d.tensor(shape, any_dtype(d))
    target = [d.pick([s, s, 3, -1]) if s == 1 else d.pick([s, s, -1]) for s in shape]
    if d.chance(0.4):
        target = [d.int(1, 3)] + target
    if target and d.chance(0.05):
        target[-1] = 7
    return Call("expand", "expand", lambda x, *s: x.expand(list(s)), [x] + target)


def g_repeat_tile(d):
    shape = d.shape(max_numel=24)
    x = d.tensor(shape, any_dtype(d))
    reps = [d.int(0, 3) for _ in range(len(shape) + d.int(0, 1))]
    if d.chance(0.5):
        return Call("tile", "tile", torch.tile, [x, reps or [2]])
    if len(reps) < len(shape) or not reps:
        reps = reps + [1] * (len(shape) - len(reps)) or [2]
    return Call("repeat", "Tensor.repeat", lambda x, r: x.repeat(*r), [x, reps])


def g_split(d):
    shape = d.shape(min_ndim=1)
    x = d.tensor(shape, any_dtype(d))
    dim = a_dim(d, len(shape))
    size = shape[dim] if -len(shape) <= dim < len(shape) else 2
    r = d.r.random()
    if r < 0.4:
        return Call("split", "split", torch.split, [x, d.int(1, 4), dim])
    if r < 0.55:
        sections = []
        left = size
        while left > 0:
            k = d.int(0, left)
            sections.append(k)
            left -= k
        if d.chance(0.05):
            sections.append(1)
        return Call("split", "split", torch.split, [x, sections or [0], dim])
    if r < 0.8:
        return Call("chunk", "chunk", torch.chunk, [x, d.int(1, 5), dim])
    return Call("unbind", "unbind", torch.unbind, [x, dim])


# ====================================================================== matrix products


def float_or_int(d):
    return d.pick(["float32", "float64", "int32", "bool"], [7, 2, 0.8, 0.2])


def mat_size(d):
    return d.pick([1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33], [2, 4, 4, 4, 2, 2, 1, 1, 1, 1, 0.5])


def maybe_off(d, k):
    return k + 1 if d.chance(0.04) else k


def g_matmul(d):
    dtype = float_or_int(d)
    m, k, n = mat_size(d), mat_size(d), mat_size(d)
    batch = [d.int(1, 3) for _ in range(d.pick([0, 0, 1, 2]))]
    nd_a, nd_b = d.pick([1, 2, 2, 3]), d.pick([1, 2, 2, 3])
    kb = maybe_off(d, k)
    # batch dims: the full batch on one side, a broadcastable one (fewer dims, or 1s) on the other
    batch_b = [1 if d.chance(0.3) else s for s in batch][d.int(0, len(batch)):] if batch else [d.int(1, 2)]
    sa = [k] if nd_a == 1 else (batch if nd_a == 3 else []) + [m, k]
    sb = [kb] if nd_b == 1 else (batch_b if nd_b == 3 else []) + [kb, n]
    a = d.tensor(sa, dtype)
    b = d.tensor(sb, dtype if d.chance(0.95) else float_or_int(d))
    return Call("matmul", "matmul", torch.matmul, [a, b], n=max(k, m, n) * max(1, numel(batch)), deg=2, zeros=False)


def g_mm(d):
    dtype = float_or_int(d)
    m, k, n = mat_size(d), mat_size(d), mat_size(d)
    a = d.tensor([m, k], dtype)
    b = d.tensor([maybe_off(d, k), n], dtype if d.chance(0.95) else float_or_int(d))
    return Call("mm", "mm", torch.mm, [a, b], n=max(k, m, n), deg=2, zeros=False)


def g_bmm(d):
    dtype = float_or_int(d)
    bsz, m, k, n = d.int(0 if d.chance(0.05) else 1, 3), mat_size(d), mat_size(d), mat_size(d)
    a = d.tensor([bsz, m, k], dtype)
    b = d.tensor([bsz if d.chance(0.96) else bsz + 1, maybe_off(d, k), n], dtype)
    return Call("bmm", "bmm", torch.bmm, [a, b], n=max(k, m, n), deg=2, zeros=False)


def g_mv(d):
    dtype = float_or_int(d)
    m, k = mat_size(d), mat_size(d)
    return Call("mv", "mv", torch.mv, [d.tensor([m, k], dtype), d.tensor([maybe_off(d, k)], dtype)], n=max(m, k), deg=2, zeros=False)


def g_dot(d):
    dtype = float_or_int(d)
    k = d.pick([0, 1, 2, 3, 5, 8, 17, 33, 65, 129], [0.5, 2, 2, 2, 2, 2, 1, 1, 0.5, 0.5])
    b = d.tensor([maybe_off(d, k)], dtype if d.chance(0.95) else float_or_int(d))
    return Call("dot", "dot", torch.dot, [d.tensor([k], dtype), b], n=k, deg=2, zeros=False)


def g_outer(d):
    dtype = float_or_int(d)
    a, b = d.tensor([mat_size(d)], dtype), d.tensor([mat_size(d)], dtype if d.chance(0.9) else float_or_int(d))
    return Call("outer", "outer", torch.outer, [a, b], n=max(a.numel, b.numel), deg=2, zeros=True)


def g_addmm(d):
    dtype = d.float_dtype() if d.chance(0.95) else "int32"
    m, k, n = mat_size(d), mat_size(d), mat_size(d)
    s_in = d.pick([[m, n], [n], [1, n], [m, 1], []])
    opts = {}
    if d.chance(0.5):
        opts["beta"] = d.pick([0, 0.5, 2, -1])
    if d.chance(0.5):
        opts["alpha"] = d.pick([0.5, 2, -1, 0])
    args = [d.tensor(s_in, dtype), d.tensor([m, k], dtype), d.tensor([maybe_off(d, k), n], dtype)]
    return Call("addmm", "addmm", torch.addmm, args, opts, n=max(k, m, n), deg=2, zeros=False)


EINSUM = [
    ("ij,jk->ik", "ij,jk"), ("bij,bjk->bik", "bij,bjk"), ("i,i->", "i,i"), ("ij->ji", "ij"), ("ii->i", "ii"),
    ("ij->", "ij"), ("ij,ij->ij", "ij,ij"), ("...ij,...jk->...ik", "zij,zjk"), ("bi,bj->bij", "bi,bj"),
    ("ijk->kji", "ijk"), ("ij,kj->ik", "ij,kj"), ("i,j->ij", "i,j"), ("bhqd,bhkd->bhqk", "bhqd,bhkd"), ("ii", "ii"),
    ("ij,j", "ij,j"), ("iij->j", "iij"),
]


def g_einsum(d):
    equation, layout = d.pick(EINSUM)
    sizes = {c: d.pick([1, 2, 3, 4, 5, 7]) for c in "ijkbhqdz"}
    dtype = d.float_dtype() if d.chance(0.95) else "int32"
    operands = [d.tensor([sizes[c] for c in term], dtype) for term in layout.split(",")]
    if d.chance(0.04):
        operands[0] = d.tensor(operands[0].shape + [2], dtype)
    n = max(sizes[c] for c in "ijkd")
    return Call("einsum", "einsum", torch.einsum, [equation] + operands, n=n * n, deg=len(operands), zeros=False)


def g_linear(d):
    dtype = d.float_dtype()
    fin, fout = mat_size(d), mat_size(d)
    lead = [d.int(1, 4) for _ in range(d.pick([0, 1, 1, 2]))]
    x = d.tensor(lead + [maybe_off(d, fin)], dtype)
    w = d.tensor([fout, fin], dtype)
    args = [x, w]
    if d.chance(0.6):
        args.append(d.tensor(d.pick([[fout], [fout], []]), dtype))
    return Call("linear", "nn.functional.linear", F.linear, args, n=max(fin, numel(lead)), deg=2, zeros=False)


# ====================================================================== nn.functional


def g_conv2d(d):
    dtype = d.float_dtype()
    groups = d.pick([1, 1, 2, 3])
    cin, cout = groups * d.int(1, 2), groups * d.int(1, 2)
    kh, kw = d.int(1, 3), d.int(1, 3)
    h, w = d.int(1, 7), d.int(1, 7)
    nb = d.pick([[d.int(1, 2)], [d.int(1, 2)], []])  # unbatched input sometimes
    x = d.tensor(nb + [cin, h, w], dtype)
    wt = d.tensor([cout, cin // groups if d.chance(0.97) else cin, kh, kw], dtype)
    opts = {}
    if d.chance(0.5):
        opts["bias"] = d.tensor([cout], dtype)
    if d.chance(0.4):
        opts["stride"] = d.pick([1, 2, [1, 2], [2, 3]])
    if d.chance(0.5):
        opts["padding"] = d.pick([0, 1, 2, [1, 0], "same", "valid"])
    if d.chance(0.3):
        opts["dilation"] = d.pick([1, 2, [2, 1]])
    if groups > 1:
        opts["groups"] = groups
    if opts.get("padding") == "same" and opts.get("stride", 1) not in (1, [1, 1]) and d.chance(0.7):
        del opts["stride"]
    return Call("conv2d", "nn.functional.conv2d", F.conv2d, [x, wt], opts, n=cin * kh * kw, deg=2, zeros=False)


def pair(v):
    return list(v) if isinstance(v, list) else [v, v]


def has_empty_window(size, kernel, opts):
    """Whether some max-pooling window (PyTorch's output size formula) has no tap inside the input."""
    k, s = pair(kernel), pair(opts.get("stride", kernel))
    p, dl = pair(opts.get("padding", 0)), pair(opts.get("dilation", 1))
    for i in range(2):
        span = size[i] + 2 * p[i] - dl[i] * (k[i] - 1) - 1
        if span < 0:
            continue
        out = (span + (s[i] - 1 if opts.get("ceil_mode") else 0)) // s[i] + 1
        if opts.get("ceil_mode") and (out - 1) * s[i] >= size[i] + p[i]:
            out -= 1
        for o in range(out):
            taps = [o * s[i] - p[i] + j * dl[i] for j in range(k[i])]
            if not any(0 <= t < size[i] for t in taps):
                return True
    return False


def g_max_pool2d(d):
    dtype = d.float_dtype() if d.chance(0.9) else "int32"
    k = d.pick([1, 2, 3, [2, 1], [3, 2]])
    shape = [d.int(1, 2), d.int(1, 3), d.int(1, 8), d.int(1, 8)][d.pick([0, 1]):]
    x = d.tensor(shape, dtype)
    opts = {}
    if d.chance(0.5):
        opts["stride"] = d.pick([1, 2, [1, 2], 3])
    if d.chance(0.4):
        opts["padding"] = d.pick([0, 1, [1, 0]])
    if d.chance(0.3):
        opts["dilation"] = d.pick([1, 2])
    if d.chance(0.3):
        opts["ceil_mode"] = True
    if "dilation" in opts and has_empty_window(shape[-2:], k, opts):
        # PyTorch 1.13 writes out of bounds for a window whose taps all fall outside the input (dilation skipping
        # the only element it covers): such calls have no reference
        del opts["dilation"]
    return Call("maxPool2d", "nn.functional.maxPool2d", F.max_pool2d, [x, k], opts, n=9, zeros=True)


def g_avg_pool2d(d):
    dtype = d.float_dtype()
    k = d.pick([1, 2, 3, [2, 1], [3, 2]])
    shape = [d.int(1, 2), d.int(1, 3), d.int(1, 8), d.int(1, 8)][d.pick([0, 1]):]
    x = d.tensor(shape, dtype)
    opts = {}
    if d.chance(0.5):
        opts["stride"] = d.pick([1, 2, [1, 2], 3])
    if d.chance(0.4):
        opts["padding"] = d.pick([0, 1, [1, 0]])
    if d.chance(0.3):
        opts["ceil_mode"] = True
    if d.chance(0.3):
        opts["count_include_pad"] = d.chance(0.5)
    if d.chance(0.15):
        opts["divisor_override"] = d.pick([1, 3])
    return Call("avgPool2d", "nn.functional.avgPool2d", F.avg_pool2d, [x, k], opts, n=9, deg=1, zeros=False)


def finite_part(t):
    t = t.detach().double()
    return torch.where(torch.isfinite(t), t, torch.zeros_like(t))


def normalised_mag(x, dims, eps, weight=None, shift=None, var=None):
    """max |x| / (smallest standard deviation) * max(1, |weight|): the size of a normalisation's rounding error
    relative to float precision. `var` gives the variances (running statistics) instead of computing them."""
    xz = finite_part(x)
    if xz.numel() == 0:
        return 1.0
    v = finite_part(var) if var is not None else xz.var(dim=dims, unbiased=False)
    if v.numel() == 0:
        return 1.0
    rstd = 1 / math.sqrt(max(0.0, float(v.min())) + eps)
    m = float(xz.abs().max()) + (float(finite_part(shift).abs().max()) if shift is not None else 0.0)
    w = float(finite_part(weight).abs().max()) if weight is not None and weight.numel() else 1.0
    return m * rstd * max(1.0, w)


def g_layer_norm(d):
    dtype = d.float_dtype()
    shape = d.shape(min_ndim=1, allow_empty=d.chance(0.2))
    k = d.int(1, len(shape))
    norm_shape = shape[len(shape) - k:]
    if d.chance(0.04):
        norm_shape = [s + 1 for s in norm_shape]
    x = d.tensor(shape, dtype, "big" if d.chance(0.1) else "real")
    opts = {}
    if d.chance(0.6):
        opts["weight"] = d.tensor(norm_shape, dtype)
    if d.chance(0.5):
        opts["bias"] = d.tensor(norm_shape, dtype)
    if d.chance(0.3):
        opts["eps"] = d.pick([1e-3, 1e-12, 0.1])
    dims = list(range(len(shape) - k, len(shape)))
    eps = opts.get("eps", 1e-5)
    has_w = "weight" in opts

    def mag(x, *rest):
        return normalised_mag(x, dims, eps, rest[0] if has_w else None)

    return Call("layerNorm", "nn.functional.layerNorm", F.layer_norm, [x, norm_shape], opts, n=numel(norm_shape),
                zeros=False, mag=mag)


def g_group_norm(d):
    dtype = d.float_dtype()
    groups = d.int(1, 3)
    c = groups * d.int(1, 3)
    shape = [d.int(1, 3), c] + [d.int(1, 4) for _ in range(d.pick([0, 1, 2]))]
    if d.chance(0.05):
        groups += 1
    x = d.tensor(shape, dtype)
    opts = {}
    if d.chance(0.6):
        opts["weight"] = d.tensor([c], dtype)
    if d.chance(0.5):
        opts["bias"] = d.tensor([c], dtype)
    if d.chance(0.3):
        opts["eps"] = d.pick([1e-3, 0.1])
    eps = opts.get("eps", 1e-5)
    has_w = "weight" in opts

    def mag(x, *rest):
        if shape[1] % groups:
            return 1.0
        return normalised_mag(x.reshape(shape[0], groups, -1), [-1], eps, rest[0] if has_w else None)

    return Call("groupNorm", "nn.functional.groupNorm", F.group_norm, [x, groups], opts, n=numel(shape) // groups,
                zeros=False, mag=mag)


def g_batch_norm(d):
    dtype = d.float_dtype()
    c = d.int(1, 4)
    shape = [d.int(1, 4), c] + [d.int(1, 4) for _ in range(d.pick([0, 1, 2]))]
    x = d.tensor(shape, dtype)
    training = d.chance(0.6)
    with_stats = not training or d.chance(0.5)
    mean = d.tensor([c], dtype, grad=False, view=0) if with_stats else None
    var = d.tensor([c], dtype, "positive", grad=False, view=0) if with_stats else None
    opts = {"training": training}
    if d.chance(0.5):
        opts["weight"] = d.tensor([c], dtype)
    if d.chance(0.5):
        opts["bias"] = d.tensor([c], dtype)
    if d.chance(0.3):
        opts["momentum"] = d.pick([0.5, 0.0, 1.0])
    if d.chance(0.3):
        opts["eps"] = d.pick([1e-3, 0.1])
    mutated = [t for t in (mean, var) if t is not None and training]
    eps = opts.get("eps", 1e-5)
    has_w = "weight" in opts

    def mag(x, *rest):
        # rest: the running statistics when given, then weight and bias in the order of opts
        stats = rest[:2] if with_stats else ()
        w = rest[len(stats)] if has_w else None
        dims = [0] + list(range(2, len(shape)))
        if training:
            return normalised_mag(x, dims, eps, w)
        return normalised_mag(x, dims, eps, w, shift=stats[0], var=stats[1])

    return Call("batchNorm", "nn.functional.batchNorm", F.batch_norm, [x, mean, var], opts,
                n=numel(shape) // max(1, c), zeros=False, mutated=mutated, mag=mag)


def class_problem(d, dtype):
    """Logits [N, C] (or [C], or [N, C, d]) and class-index targets."""
    c = d.int(1, 6)
    layout = d.pick(["nc", "nc", "c", "ncd"])
    n = d.int(1, 5)
    shape = {"nc": [n, c], "c": [c], "ncd": [n, c, d.int(1, 3)]}[layout]
    tshape = {"nc": [n], "c": [], "ncd": [shape[0], shape[2]] if layout == "ncd" else []}[layout]
    x = d.tensor(shape, dtype)
    target = d.tensor(tshape, "int32", view=0.1)
    target.values = [d.int(0, c - 1) for _ in target.values]
    return x, target, c, shape


def g_nll_cross_entropy(name, fn):
    def gen(d):
        dtype = d.float_dtype()
        x, target, c, shape = class_problem(d, dtype)
        opts = {}
        if name == "crossEntropy" and d.chance(0.2):
            # class probabilities as targets
            target = d.tensor(shape, dtype, "prob", grad=False)
        if d.chance(0.3):
            opts["weight"] = d.tensor([c], dtype, "positive", grad=False)
        if d.chance(0.3) and target.dtype == "int32":
            ignore = d.pick([0, 1, -100, c - 1])
            opts["ignore_index"] = ignore
            if d.chance(0.3):
                target.values = [ignore for _ in target.values]
        if d.chance(0.5):
            opts["reduction"] = d.pick(["mean", "sum", "none"])
        if name == "crossEntropy" and d.chance(0.3):
            opts["label_smoothing"] = d.pick([0.1, 0.5, 0.0])
        if d.chance(0.03) and target.dtype == "int32" and target.values:
            target.values[0] = c  # out of range
        return Call(name, "nn.functional." + name, fn, [x, target], opts, n=numel(shape), deg=1, zeros=False)
    return gen


def g_pair_loss(name, fn, extra):
    def gen(d):
        dtype = d.float_dtype()
        shape = d.shape(max_numel=64)
        s_t = shape if d.chance(0.9) else d.broadcast_partner(shape)
        x = d.tensor(shape, dtype)
        t = d.tensor(s_t, dtype if d.chance(0.95) else any_dtype(d), "prob" if name.startswith("binary") else "real",
                     grad=d.chance(0.5))
        opts = {}
        if d.chance(0.6):
            opts["reduction"] = d.pick(["mean", "sum", "none"])
        for key, values in extra.items():
            if d.chance(0.5):
                value = d.pick(values)
                opts[key] = value(d, shape, dtype) if callable(value) else value
        return Call(name, "nn.functional." + name, fn, [x, t], opts, n=numel(shape), deg=2, zeros=False)
    return gen


def bce_weight(d, shape, dtype):
    return d.tensor(d.broadcast_partner(shape, incompatible=0.02), dtype, "positive", grad=False)


def pos_weight(d, shape, dtype):
    return d.tensor(shape[-1:] if shape else [], dtype, "positive", grad=False)


def g_bce(d):
    dtype = d.float_dtype()
    shape = d.shape(max_numel=64)
    x = d.tensor(shape, dtype, "prob")
    t = d.tensor(shape, dtype, "prob", grad=False)
    opts = {}
    if d.chance(0.3):
        opts["weight"] = bce_weight(d, shape, dtype)
    if d.chance(0.5):
        opts["reduction"] = d.pick(["mean", "sum", "none"])
    return Call("binaryCrossEntropy", "nn.functional.binaryCrossEntropy", F.binary_cross_entropy, [x, t], opts,
                n=numel(shape), deg=1, zeros=False)


# ====================================================================== linalg


def g_matrix_norm(d):
    dtype = d.float_dtype() if d.chance(0.95) else "int32"
    batch = [d.int(1, 3) for _ in range(d.pick([0, 0, 1]))]
    shape = batch + [d.pick([1, 2, 3, 4, 5]), d.pick([1, 2, 3, 4, 5])]
    if d.chance(0.04):
        shape = shape[-1:]
    x = d.tensor(shape, dtype)
    ord_ = d.pick(["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf])
    opts = {"keepdim": d.chance(0.5)} if d.chance(0.5) else {}
    return Call("matrixNorm", "linalg.matrixNorm", torch.linalg.matrix_norm, [x, ord_], opts,
                n=numel(shape[-2:]), deg=1, zeros=False)


def g_svdvals(d):
    dtype = d.float_dtype() if d.chance(0.95) else "int32"
    batch = [d.int(1, 3) for _ in range(d.pick([0, 0, 1]))]
    shape = batch + [d.pick([1, 2, 3, 4, 6]), d.pick([1, 2, 3, 4, 6])]
    x = d.tensor(shape, dtype, special=0.03)
    return Call("svdvals", "linalg.svdvals", torch.linalg.svdvals, [x], n=numel(shape[-2:]), deg=1, zeros=False)


# ====================================================================== the table: (op, generator, weight)


def table():
    entries = []
    for name, fn, domain in UNARY:
        entries.append((name, unary(name, fn, domain), 1.0))
    for name, fn, options, zeros in ACTIVATIONS:
        entries.append((name, activation(name, fn, options, zeros), 1.2))
    for name, fn, options in BINARY:
        entries.append((name, binary(name, fn, **options), 1.3))
    entries += [
        ("pow", g_pow, 2.0), ("where", g_where, 2.0), ("clamp", g_clamp, 2.5), ("lerp", g_lerp, 1.0),
        ("addcmul", pointwise3("addcmul", torch.addcmul, "real"), 0.8),
        ("addcdiv", pointwise3("addcdiv", torch.addcdiv, "positive"), 0.8),
        ("sum", g_sum_mean("sum", torch.sum), 2.5), ("mean", g_sum_mean("mean", torch.mean), 2.0),
        ("prod", g_prod, 2.0), ("amax", g_amax("amax", torch.amax), 1.5), ("amin", g_amax("amin", torch.amin), 1.5),
        ("max", g_max_min("max", torch.max), 2.0), ("min", g_max_min("min", torch.min), 2.0),
        ("argmax", g_argmax("argmax", torch.argmax), 1.2), ("argmin", g_argmax("argmin", torch.argmin), 1.2),
        ("var", g_var("var", torch.var, 2), 2.0), ("std", g_var("std", torch.std, 1), 1.5),
        ("varMean", g_var("varMean", torch.var_mean, 2), 1.5), ("stdMean", g_var("stdMean", torch.std_mean, 1), 0.8),
        ("logsumexp", g_logsumexp, 1.5), ("softmax", g_along_dim("softmax", torch.softmax), 2.0),
        ("logSoftmax", g_along_dim("logSoftmax", torch.log_softmax), 2.0),
        ("cumsum", g_along_dim("cumsum", torch.cumsum, (6, 2, 2, 1)), 1.5),
        ("cumprod", g_along_dim("cumprod", torch.cumprod, (6, 2, 1, 0.5), zeros=True), 1.5),
        ("norm", g_norm, 2.0), ("all", g_logical_reduce("all", torch.all), 1.0),
        ("any", g_logical_reduce("any", torch.any), 1.0), ("countNonzero", g_count_nonzero, 0.5),
        ("transpose", g_transpose, 1.0), ("permute", g_permute, 1.0), ("narrow", g_narrow, 1.0),
        ("select", g_select, 1.0), ("flip", g_flip, 1.0), ("roll", g_roll, 1.2), ("gather", g_gather, 1.5),
        ("indexSelect", g_index_select, 1.5), ("cat", g_cat_stack("cat", torch.cat), 1.5),
        ("stack", g_cat_stack("stack", torch.stack), 1.2), ("tril", g_triangle("tril", torch.tril), 1.0),
        ("triu", g_triangle("triu", torch.triu), 1.0), ("pad", g_pad, 2.0), ("reshape", g_reshape, 0.8),
        ("squeeze", g_unsqueeze_squeeze, 0.8), ("flatten", g_flatten, 0.6), ("diagonal", g_diagonal, 0.8),
        ("expand", g_expand, 0.8), ("tile", g_repeat_tile, 0.8), ("split", g_split, 1.0),
        ("matmul", g_matmul, 2.5), ("mm", g_mm, 1.2), ("bmm", g_bmm, 1.2), ("mv", g_mv, 1.0), ("dot", g_dot, 1.0),
        ("outer", g_outer, 0.8), ("addmm", g_addmm, 1.2), ("einsum", g_einsum, 2.0), ("linear", g_linear, 1.5),
        ("conv2d", g_conv2d, 3.0), ("maxPool2d", g_max_pool2d, 2.0), ("avgPool2d", g_avg_pool2d, 2.0),
        ("layerNorm", g_layer_norm, 2.0), ("groupNorm", g_group_norm, 1.5), ("batchNorm", g_batch_norm, 2.0),
        ("crossEntropy", g_nll_cross_entropy("crossEntropy", F.cross_entropy), 2.5),
        ("nllLoss", g_nll_cross_entropy("nllLoss", F.nll_loss), 2.0),
        ("mseLoss", g_pair_loss("mseLoss", F.mse_loss, {}), 1.2),
        ("l1Loss", g_pair_loss("l1Loss", F.l1_loss, {}), 1.2),
        ("smoothL1Loss", g_pair_loss("smoothL1Loss", F.smooth_l1_loss, {"beta": [1.0, 0.5, 0.0, 2.0]}), 1.2),
        ("huberLoss", g_pair_loss("huberLoss", F.huber_loss, {"delta": [1.0, 0.5, 2.0]}), 1.2),
        ("binaryCrossEntropyWithLogits", g_pair_loss("binaryCrossEntropyWithLogits", F.binary_cross_entropy_with_logits,
                                                     {"weight": [bce_weight], "pos_weight": [pos_weight]}), 2.0),
        ("binaryCrossEntropy", g_bce, 1.0),
        ("matrixNorm", g_matrix_norm, 2.0), ("svdvals", g_svdvals, 1.5),
    ]
    return entries
