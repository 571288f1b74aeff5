// Map-reduce kernels: sum, prod, max, min, mean and the vector norms, in two layouts the host arranges:
//   inner: rows x len, each row contiguous, reduced to one value per row (horizontal SIMD accumulation);
//   outer: outer x len x cols, reduced over len with the cols contiguous (vertical SIMD accumulation, cols per lane).
// Both accumulate in the element type (float32 sums in float32, as PyTorch) with a three-level cascade
// (see BLOCK in reduce-common.ts) for accuracy on long runs. Op codes: abi/reduce-ops.ts.
import {
  OP_MAX, OP_MEAN, OP_MIN, OP_NORM0, OP_NORM1, OP_NORM2, OP_NORM_INF, OP_NORM_NEG_INF, OP_NORMP, OP_PROD, OP_SUM,
} from '../abi/reduce-ops';
import {
  BLOCK, at, cascadeQuad, combine, combineVec, finish, hasFinish, identity, mapOne, mapVec, nanLanes, reduceRun,
  stepVec, stridedRun, withNaN,
} from './reduce-common';
import { lanes } from './simd';

// One export per element type (suffix F32, F64, I32, U8: bool is read as bytes), each an instance of one generic.
// int32 takes sum, prod, max and min; bool max and min only (all, any).

/** Reduces rows x len contiguous elements to rows values (dst[r] = op over src[r, :]). p: the norm order for OP_NORMP. */
export function reduceInnerF32(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  reduceInnerOf<f32>(op, src, dst, rows, len, p);
}
export function reduceInnerF64(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  reduceInnerOf<f64>(op, src, dst, rows, len, p);
}
export function reduceInnerI32(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  reduceInnerOf<i32>(op, src, dst, rows, len, p);
}
export function reduceInnerU8(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  reduceInnerOf<u8>(op, src, dst, rows, len, p);
}

/** Reduces outer x len x cols contiguous elements over len: dst[o, c] = op over src[o, :, c]. */
export function reduceOuterF32(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  reduceOuterOf<f32>(op, src, dst, outer, len, cols, p);
}
export function reduceOuterF64(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  reduceOuterOf<f64>(op, src, dst, outer, len, cols, p);
}
export function reduceOuterI32(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  reduceOuterOf<i32>(op, src, dst, outer, len, cols, p);
}
export function reduceOuterU8(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  reduceOuterOf<u8>(op, src, dst, outer, len, cols, p);
}

/** Scalar reference of reduceInner: one sequential accumulator per row. */
export function reduceInnerReferenceF32(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  referenceLoop<f32>(op, src, dst, rows, len, 1, p);
}
export function reduceInnerReferenceF64(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  referenceLoop<f64>(op, src, dst, rows, len, 1, p);
}
export function reduceInnerReferenceI32(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  referenceLoop<i32>(op, src, dst, rows, len, 1, p);
}
export function reduceInnerReferenceU8(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  referenceLoop<u8>(op, src, dst, rows, len, 1, p);
}

/** Scalar reference of reduceOuter: one sequential accumulator per output element. */
export function reduceOuterReferenceF32(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  referenceLoop<f32>(op, src, dst, outer, len, cols, p);
}
export function reduceOuterReferenceF64(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  referenceLoop<f64>(op, src, dst, outer, len, cols, p);
}
export function reduceOuterReferenceI32(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  referenceLoop<i32>(op, src, dst, outer, len, cols, p);
}
export function reduceOuterReferenceU8(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  referenceLoop<u8>(op, src, dst, outer, len, cols, p);
}

@inline
function reduceInnerOf<T>(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  if (isFloat<T>()) innerForFloat<T>(op, src, dst, rows, len, p);
  else innerForInt<T>(op, src, dst, rows, len);
}

@inline
function reduceOuterOf<T>(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  if (isFloat<T>()) outerForFloat<T>(op, src, dst, outer, len, cols, p);
  else outerForInt<T>(op, src, dst, outer, len, cols);
}

// ---------------------------------------------------------------- dispatch: one specialised loop per op

function innerForFloat<T>(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  switch (op) {
    case OP_SUM: innerRows<T>(OP_SUM, src, dst, rows, len, p); break;
    case OP_PROD: innerRows<T>(OP_PROD, src, dst, rows, len, p); break;
    case OP_MAX: innerRows<T>(OP_MAX, src, dst, rows, len, p); break;
    case OP_MIN: innerRows<T>(OP_MIN, src, dst, rows, len, p); break;
    case OP_MEAN: innerRows<T>(OP_MEAN, src, dst, rows, len, p); break;
    case OP_NORM1: innerRows<T>(OP_NORM1, src, dst, rows, len, p); break;
    case OP_NORM2: innerRows<T>(OP_NORM2, src, dst, rows, len, p); break;
    case OP_NORM_INF: innerRows<T>(OP_NORM_INF, src, dst, rows, len, p); break;
    case OP_NORM_NEG_INF: innerRows<T>(OP_NORM_NEG_INF, src, dst, rows, len, p); break;
    case OP_NORM0: innerRows<T>(OP_NORM0, src, dst, rows, len, p); break;
    case OP_NORMP: innerRows<T>(OP_NORMP, src, dst, rows, len, p); break;
    default: unreachable();
  }
}

function innerForInt<T>(op: i32, src: usize, dst: usize, rows: i32, len: i32): void {
  if (sizeof<T>() == 4) {
    if (op == OP_SUM) { innerRows<T>(OP_SUM, src, dst, rows, len, 0); return; }
    if (op == OP_PROD) { innerRows<T>(OP_PROD, src, dst, rows, len, 0); return; }
  }
  if (op == OP_MAX) innerRows<T>(OP_MAX, src, dst, rows, len, 0);
  else if (op == OP_MIN) innerRows<T>(OP_MIN, src, dst, rows, len, 0);
  else unreachable();
}

function outerForFloat<T>(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  switch (op) {
    case OP_SUM: outerBlocks<T>(OP_SUM, src, dst, outer, len, cols, p); break;
    case OP_PROD: outerBlocks<T>(OP_PROD, src, dst, outer, len, cols, p); break;
    case OP_MAX: outerBlocks<T>(OP_MAX, src, dst, outer, len, cols, p); break;
    case OP_MIN: outerBlocks<T>(OP_MIN, src, dst, outer, len, cols, p); break;
    case OP_MEAN: outerBlocks<T>(OP_MEAN, src, dst, outer, len, cols, p); break;
    case OP_NORM1: outerBlocks<T>(OP_NORM1, src, dst, outer, len, cols, p); break;
    case OP_NORM2: outerBlocks<T>(OP_NORM2, src, dst, outer, len, cols, p); break;
    case OP_NORM_INF: outerBlocks<T>(OP_NORM_INF, src, dst, outer, len, cols, p); break;
    case OP_NORM_NEG_INF: outerBlocks<T>(OP_NORM_NEG_INF, src, dst, outer, len, cols, p); break;
    case OP_NORM0: outerBlocks<T>(OP_NORM0, src, dst, outer, len, cols, p); break;
    case OP_NORMP: outerBlocks<T>(OP_NORMP, src, dst, outer, len, cols, p); break;
    default: unreachable();
  }
}

function outerForInt<T>(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  if (sizeof<T>() == 4) {
    if (op == OP_SUM) { outerBlocks<T>(OP_SUM, src, dst, outer, len, cols, 0); return; }
    if (op == OP_PROD) { outerBlocks<T>(OP_PROD, src, dst, outer, len, cols, 0); return; }
  }
  if (op == OP_MAX) outerBlocks<T>(OP_MAX, src, dst, outer, len, cols, 0);
  else if (op == OP_MIN) outerBlocks<T>(OP_MIN, src, dst, outer, len, cols, 0);
  else unreachable();
}

// ---------------------------------------------------------------- inner (horizontal) reduction

@inline
function innerRows<T>(op: i32, src: usize, dst: usize, rows: i32, len: i32, p: f64): void {
  for (let r = 0; r < rows; r++) {
    const acc = reduceRun<T>(op, at<T>(src, r * len), len, p);
    store<T>(at<T>(dst, r), finish<T>(op, acc, len, p));
  }
}

// ---------------------------------------------------------------- outer (vertical) reduction

@inline
function outerBlocks<T>(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  for (let o = 0; o < outer; o++) {
    const base = at<T>(src, o * len * cols);
    const out = at<T>(dst, o * cols);
    reduceColumns<T>(op, base, out, len, cols, p);
    if (hasFinish(op)) {
      for (let c = 0; c < cols; c++) store<T>(at<T>(out, c), finish<T>(op, load<T>(at<T>(out, c)), len, p));
    }
  }
}

/**
 * out[c] = op over rows r of base[r * cols + c]: 4 vectors of columns at a time (cascadeQuad), then 1 vector, then
 * single columns.
 */
@inline
function reduceColumns<T>(op: i32, base: usize, out: usize, len: i32, cols: i32, p: f64): void {
  const L = lanes<T>();
  const rowBytes = <usize>cols * sizeof<T>();
  const idv = v128.splat<T>(identity<T>(op));
  let c = 0;
  if (op != OP_NORMP) {
    for (; c + 4 * L <= cols; c += 4 * L) cascadeQuad<T>(op, at<T>(base, c), len, rowBytes, true, at<T>(out, c));
    for (; c + L <= cols; c += L) {
      let t = idv;
      let nan = v128.splat<i32>(0);
      let q = at<T>(base, c);
      let r = 0;
      while (r < len) {
        let m = idv;
        const superEnd = min(len, r + BLOCK * BLOCK);
        while (r < superEnd) {
          let a = idv;
          const blockEnd = min(superEnd, r + BLOCK);
          for (; r < blockEnd; r++) {
            const x = mapVec<T>(op, v128.load(q));
            a = stepVec<T>(op, a, x);
            nan = nanLanes<T>(op, nan, x);
            q += rowBytes;
          }
          m = combineVec<T>(op, m, a);
        }
        t = combineVec<T>(op, t, m);
      }
      v128.store(at<T>(out, c), withNaN<T>(op, t, nan));
    }
  }
  for (; c < cols; c++) store<T>(at<T>(out, c), stridedRun<T>(op, at<T>(base, c), len, rowBytes, p));
}

// ---------------------------------------------------------------- scalar reference

@inline
function referenceLoop<T>(op: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32, p: f64): void {
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < cols; c++) {
      let acc = identity<T>(op);
      for (let r = 0; r < len; r++) acc = combine<T>(op, acc, mapOne<T>(op, load<T>(at<T>(src, (o * len + r) * cols + c)), p));
      store<T>(at<T>(dst, o * cols + c), finish<T>(op, acc, len, p));
    }
  }
}
