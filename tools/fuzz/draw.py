"""Random draws for the differential fuzzer: shapes, broadcasting partners, values (with special values), views.

Every draw goes through one `Draw` object seeded from --seed, so a corpus is reproducible.
"""
import math
import random

import numpy as np

# wasmgrad dtype -> numpy dtype of the values we store (wasmgrad's int32 plays PyTorch's int64: see tensors.py).
FLOATS = ("float32", "float64")

# Odd and awkward sizes around the SIMD widths (4 float32 / 2 float64 lanes) and the kernels' block sizes.
ODD_SIZES = (7, 9, 13, 17, 31, 33, 63, 65, 127, 129)

SPECIALS = {
    "float32": [math.nan, math.inf, -math.inf, -0.0, 0.0, 1e-40, -3e-42, 1e-45, 3.0e38, -3.3e38, 1.2e-38, 65504.0],
    "float64": [math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324, -1e-310, 2.2e-308, 1.7e308, -1e300, 1e200],
}


class Input:
    """One tensor argument: its base values (row-major, `base_shape`), dtype, the view recipe that turns the base into
    the operand (empty: the base itself), and whether the base is a leaf that requires grad."""

    def __init__(self, dtype, base_shape, values, view=(), grad=False):
        self.dtype = dtype
        self.base_shape = list(base_shape)
        self.values = list(values)
        self.view = [list(step) for step in view]
        self.grad = grad and dtype in FLOATS
        self.shape = view_shape(self.base_shape, self.view)

    @property
    def numel(self):
        return math.prod(self.shape)


def view_shape(shape, recipe):
    """The shape after applying the view recipe (mirrors the runner's rebuild)."""
    shape = list(shape)
    for step in recipe:
        kind = step[0]
        if kind == "transpose":
            a, b = step[1], step[2]
            shape[a], shape[b] = shape[b], shape[a]
        elif kind == "permute":
            shape = [shape[d] for d in step[1]]
        elif kind == "slice":
            _, d, start, end, stride = step
            shape[d] = max(0, -(-(end - start) // stride))
        elif kind == "expand":
            shape = list(step[1])
        else:
            raise ValueError(kind)
    return shape


class Draw:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # ------------------------------------------------------------------ basics
    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq, weights=None):
        if weights is None:
            return self.r.choice(list(seq))
        return self.r.choices(list(seq), weights=weights, k=1)[0]

    def int(self, lo, hi):
        return self.r.randint(lo, hi)

    def float_dtype(self):
        return "float64" if self.chance(0.2) else "float32"

    # ------------------------------------------------------------------ shapes
    def dim_size(self):
        if self.chance(0.04):
            return 0
        return self.pick([1, 2, 3, 4, 5, 6], [3, 4, 4, 3, 2, 1])

    def shape(self, ndim=None, min_ndim=0, max_ndim=4, max_numel=96, allow_empty=True):
        """A shape: mostly small dims, sometimes one odd large size, sometimes an empty dim."""
        if ndim is None:
            ndim = self.pick(range(min_ndim, max_ndim + 1), [10, 25, 30, 20, 15][min_ndim:max_ndim + 1])
        dims = [self.dim_size() for _ in range(ndim)]
        if not allow_empty:
            dims = [max(1, s) for s in dims]
        if ndim > 0 and self.chance(0.12):
            # one long odd dim, the others small
            k = self.int(0, ndim - 1)
            dims = [min(s, 2) for s in dims]
            dims[k] = self.pick(ODD_SIZES)
        while math.prod(dims) > max_numel and max(dims) > 1:
            k = dims.index(max(dims))
            dims[k] = max(1, dims[k] // 2)
        return dims

    def broadcast_partner(self, shape, incompatible=0.04):
        """A shape that broadcasts against `shape` (fewer leading dims, some dims 1, extra leading dims), or with
        probability `incompatible` one that does not."""
        s = list(shape)
        if s and self.chance(0.3):
            s = s[self.int(1, len(s)):]
        s = [1 if (d != 1 and self.chance(0.25)) else d for d in s]
        if len(s) < 4 and self.chance(0.1):
            s = [self.pick([1, 2, 3])] + s
        if s and self.chance(incompatible):
            # a dim aligned (from the right) with a dim of `shape` that is not 1, given a third size
            aligned = [j for j in range(1, min(len(s), len(shape)) + 1) if shape[-j] != 1]
            if aligned:
                j = self.pick(aligned)
                s[-j] = shape[-j] + 1 if shape[-j] != 0 else 2
        return s

    # ------------------------------------------------------------------ values
    def float_values(self, n, dtype, domain="real", special=0.0):
        """n values of `domain`: 'real' (centred), 'positive', 'unit' ([-1, 1]), 'prob' ([0, 1]), 'big' (wide range).
        Mostly two decimals (short in the corpus, and ties happen); sometimes full precision, another scale, or a few
        repeated values with signed zeros."""
        style = self.pick(["short", "full", "scaled", "ties"], [6, 3, 1, 0.5])
        out = []
        for _ in range(n):
            if style == "ties":
                # few distinct values, signed zeros among them: ties in extrema and sorting, zero signs
                out.append(self.pick([0.0, -0.0, 1.0, -1.0, 0.5, 2.0]))
                continue
            if domain == "positive":
                v = abs(self.r.gauss(0, 1.5)) + 0.05
            elif domain == "unit":
                v = self.r.uniform(-1, 1)
            elif domain == "prob":
                v = self.r.uniform(0, 1)
            elif domain == "big":
                v = self.r.gauss(0, 1) * 10 ** self.int(-3, 4)
            else:
                v = self.r.gauss(0, 1.2)
            if style == "short":
                v = round(v, 2) if domain != "prob" else round(v, 2)
            elif style == "scaled" and domain in ("real", "positive"):
                v = v * self.pick([1e-3, 10.0, 100.0, 1e4])
            out.append(v)
        if n and special > 0 and self.chance(special):
            for _ in range(self.int(1, max(1, min(3, n)))):
                out[self.int(0, n - 1)] = self.pick(SPECIALS[dtype])
        if dtype == "float32":
            out = [float(np.float32(v)) for v in out]
        return out

    def int_values(self, n, lo=-6, hi=6):
        if self.chance(0.1):
            lo, hi = -1000, 1000
        return [self.int(lo, hi) for _ in range(n)]

    def bool_values(self, n):
        p = self.pick([0.5, 0.1, 0.9])
        return [self.chance(p) for _ in range(n)]

    def values(self, dtype, n, domain="real", special=0.0):
        if dtype in FLOATS:
            return self.float_values(n, dtype, domain, special)
        if dtype == "int32":
            return self.int_values(n) if domain != "positive" else self.int_values(n, 1, 6)
        return self.bool_values(n)

    # ------------------------------------------------------------------ tensors and views
    def view_recipe(self, shape, p=0.25):
        """A base shape and a recipe of views that gives `shape` with non-trivial strides (transposed, step-sliced
        or expanded), or the shape itself and no recipe."""
        if not self.chance(p) or not shape:
            return list(shape), []
        kinds = ["slice", "expand"] + (["transpose", "permute"] if len(shape) >= 2 else [])
        kind = self.pick(kinds)
        s = list(shape)
        if kind == "transpose":
            a, b = sorted(self.r.sample(range(len(s)), 2))
            base = list(s)
            base[a], base[b] = base[b], base[a]
            return base, [["transpose", a, b]]
        if kind == "permute":
            perm = list(range(len(s)))
            while perm == sorted(perm):
                self.r.shuffle(perm)
            # base[perm[i]] = s[i]
            base = [0] * len(s)
            for i, p_ in enumerate(perm):
                base[p_] = s[i]
            return base, [["permute", perm]]
        if kind == "slice":
            d = self.int(0, len(s) - 1)
            step = self.pick([1, 2, 3])
            start = self.pick([0, 1])
            end = start + s[d] * step
            base = list(s)
            base[d] = end + self.pick([0, 0, 1])
            return base, [["slice", d, start, end, step]]
        # expand: some dims of the base are 1, and sometimes it has fewer dims
        base = [1 if (d != 1 and self.chance(0.5)) else d for d in s]
        if base == s:
            k = self.int(0, len(s) - 1)
            base[k] = 1
        if len(base) > 1 and base[0] == 1 and self.chance(0.4):
            base = base[1:]
        if base == s:
            return list(shape), []
        return base, [["expand", s]]

    def tensor(self, shape, dtype, domain="real", special=0.12, view=0.25, grad=True):
        base, recipe = self.view_recipe(shape, view)
        vals = self.values(dtype, math.prod(base), domain, special)
        return Input(dtype, base, vals, recipe, grad)

    def scalar(self, kind="float"):
        """A Python scalar operand: multiples of 1/8 (exact in float32) or a special value; ints; bools."""
        if kind == "int":
            return self.int(-4, 5)
        if kind == "bool":
            return self.chance(0.5)
        if self.chance(0.1):
            # no 0.0 / -0.0: JavaScript reads them as the integer 0, which Python's float 0.0 is not (README)
            return self.pick([math.nan, math.inf, -math.inf])
        v = self.int(-24, 24) / 8
        return v if v != int(v) else v + 0.5
