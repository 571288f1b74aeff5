"""Differential fuzzer of wasmgrad against PyTorch: draws random calls, runs them in PyTorch and writes the corpus
that test/fuzz/replay.ts replays in wasmgrad.

    python3 tools/fuzz/gen.py --cases 3000 --seed 1 --out test/fixtures/fuzz/corpus.json
    python3 tools/fuzz/gen.py --cases 200 --seed 7 --out /tmp/cases.json --ops conv2d,pad

Each case holds the inputs (exact values, dtype, base shape, the view recipe that gives the operand), the call
(wasmgrad's function path, arguments with tensors as {"t": i}, the options object), PyTorch's outputs, the gradients
of the leaves that require grad under the fixed upstream gradient (calls.upstream), or the error PyTorch raised.
The op is drawn with the table's weights (ops.table()); the same seed gives the same corpus.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from calls import run  # noqa: E402
from draw import Draw  # noqa: E402
from ops import table  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--ops", default="", help="comma-separated op names to draw from (default: all)")
    args = parser.parse_args()

    torch.set_num_threads(1)
    entries = table()
    if args.ops:
        wanted = set(args.ops.split(","))
        unknown = wanted - {name for name, _, _ in entries}
        if unknown:
            parser.error(f"unknown ops: {', '.join(sorted(unknown))}")
        entries = [e for e in entries if e[0] in wanted]
    d = Draw(args.seed)
    cases = []
    for case_id in range(args.cases):
        _, gen, _ = d.r.choices(entries, weights=[w for _, _, w in entries], k=1)[0]
        cases.append(run(gen(d), case_id))
    corpus = {
        "generator": "tools/fuzz/gen.py",
        "torch": torch.__version__,
        "seed": args.seed,
        "cases": cases,
    }
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    with open(args.out, "w") as f:
        # one case per line: small diffs when the corpus is regenerated
        f.write("{\n")
        for key in ("generator", "torch", "seed"):
            f.write(f"{json.dumps(key)}: {json.dumps(corpus[key])},\n")
        f.write('"cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases))
        f.write("\n]}\n")
    errors = sum(1 for c in cases if "error" in c)
    print(f"{len(cases)} cases ({errors} errors in PyTorch) -> {args.out}")


if __name__ == "__main__":
    main()
