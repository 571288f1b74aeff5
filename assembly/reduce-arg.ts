// max/min with indices (torch.max(x, dim), argmax ...): the first occurrence wins ties, and NaN counts as larger
// than (for min: smaller than) every number, so the first NaN is selected when there is one (PyTorch's rules).
// Layouts as in reduce-map.ts. Values are written as the element type (skipped when dstValues is 0), indices as i32.
import { OP_MAX, OP_MIN } from '../abi/reduce-ops';
import { at, reduceRun } from './reduce-common';
import { lanes } from './simd';

// One export per element type (suffix F32, F64, I32, U8), each an instance of one generic.

/** For each of rows runs of len contiguous elements: the extreme value and its index. len must be > 0. */
export function argReduceInnerF32(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, rows: i32, len: i32): void {
  argInner<f32>(isMin != 0, src, dstValues, dstIndices, rows, len);
}
export function argReduceInnerF64(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, rows: i32, len: i32): void {
  argInner<f64>(isMin != 0, src, dstValues, dstIndices, rows, len);
}
export function argReduceInnerI32(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, rows: i32, len: i32): void {
  argInner<i32>(isMin != 0, src, dstValues, dstIndices, rows, len);
}
export function argReduceInnerU8(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, rows: i32, len: i32): void {
  argInner<u8>(isMin != 0, src, dstValues, dstIndices, rows, len);
}

/** For outer x len x cols: the extreme over len for each (outer, col), and its index in 0..len. len must be > 0. */
export function argReduceOuterF32(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argOuter<f32>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}
export function argReduceOuterF64(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argOuter<f64>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}
export function argReduceOuterI32(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argOuter<i32>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}
export function argReduceOuterU8(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argOuter<u8>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}

/** Scalar reference of both layouts (inner is cols = 1): one sequential comparison per element. */
export function argReduceReferenceF32(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argReference<f32>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}
export function argReduceReferenceF64(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argReference<f64>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}
export function argReduceReferenceI32(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argReference<i32>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}
export function argReduceReferenceU8(isMin: i32, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  argReference<u8>(isMin != 0, src, dstValues, dstIndices, outer, len, cols);
}

/** True when x replaces best: strictly better, or the first NaN. */
@inline
function better<T>(isMin: bool, x: T, best: T): bool {
  if (isFloat<T>()) {
    if (x != x) return best == best;
  }
  return isMin ? x < best : x > best;
}

/** Lane mask of better<T> for vectors. */
@inline
function betterVec<T>(isMin: bool, x: v128, best: v128): v128 {
  const strict = isMin ? v128.lt<T>(x, best) : v128.gt<T>(x, best);
  if (isFloat<T>()) {
    const xNaN = v128.ne<T>(x, x);
    const bestNumber = v128.eq<T>(best, best);
    return v128.or(strict, v128.and(xNaN, bestNumber));
  }
  return strict;
}

// Inner: the extreme value by the NaN-propagating SIMD reduction, then the first element equal to it
// (or the first NaN). Two passes over the run, both vectorised or cut short.
@inline
function argInner<T>(isMin: bool, src: usize, dstValues: usize, dstIndices: usize, rows: i32, len: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = at<T>(src, r * len);
    const m = isMin ? reduceRun<T>(OP_MIN, row, len, 0) : reduceRun<T>(OP_MAX, row, len, 0);
    const i = firstMatch<T>(row, len, m);
    if (dstValues != 0) store<T>(at<T>(dstValues, r), load<T>(at<T>(row, i)));
    if (dstIndices != 0) store<i32>(at<i32>(dstIndices, r), i);
  }
}

/** Index of the first element equal to m (the first NaN when m is NaN): whole vectors skipped while none matches. */
@inline
function firstMatch<T>(row: usize, len: i32, m: T): i32 {
  const L = lanes<T>();
  const lookForNaN = isFloat<T>() && m != m;
  const mv = v128.splat<T>(m);
  let i = 0;
  for (; i + L <= len; i += L) {
    const v = v128.load(at<T>(row, i));
    if (v128.any_true(lookForNaN ? v128.ne<T>(v, v) : v128.eq<T>(v, mv))) break;
  }
  if (lookForNaN) {
    while (i < len - 1 && load<T>(at<T>(row, i)) == load<T>(at<T>(row, i))) i++;
  } else {
    while (i < len - 1 && load<T>(at<T>(row, i)) != m) i++;
  }
  return i;
}

// Outer: one vector of columns at a time keeps the best value and its row index per lane. Index lanes have the
// width of the value lanes (i32 for 4-byte types, i64 for f64) so that one compare mask selects both.
@inline
function argOuter<T>(isMin: bool, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  const rowBytes = <usize>cols * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    const base = at<T>(src, o * len * cols);
    const outV = dstValues == 0 ? <usize>0 : at<T>(dstValues, o * cols);
    const outI = dstIndices == 0 ? <usize>0 : at<i32>(dstIndices, o * cols);
    let c = 0;
    if (sizeof<T>() >= 4) {
      const L = lanes<T>();
      for (; c + L <= cols; c += L) {
        let q = at<T>(base, c);
        let best = v128.load(q);
        let index = i32x4.splat(0);
        for (let r = 1; r < len; r++) {
          q += rowBytes;
          const x = v128.load(q);
          const mask = betterVec<T>(isMin, x, best);
          best = v128.bitselect(x, best, mask);
          index = v128.bitselect(sizeof<T>() == 8 ? i64x2.splat(<i64>r) : i32x4.splat(r), index, mask);
        }
        if (outV != 0) v128.store(at<T>(outV, c), best);
        if (outI != 0) {
          if (sizeof<T>() == 8) {
            store<i32>(at<i32>(outI, c), <i32>i64x2.extract_lane(index, 0));
            store<i32>(at<i32>(outI, c + 1), <i32>i64x2.extract_lane(index, 1));
          } else {
            v128.store(at<i32>(outI, c), index);
          }
        }
      }
    }
    for (; c < cols; c++) {
      let q = at<T>(base, c);
      let best = load<T>(q);
      let index = 0;
      for (let r = 1; r < len; r++) {
        q += rowBytes;
        const x = load<T>(q);
        if (better<T>(isMin, x, best)) {
          best = x;
          index = r;
        }
      }
      if (outV != 0) store<T>(at<T>(outV, c), best);
      if (outI != 0) store<i32>(at<i32>(outI, c), index);
    }
  }
}

@inline
function argReference<T>(isMin: bool, src: usize, dstValues: usize, dstIndices: usize, outer: i32, len: i32, cols: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < cols; c++) {
      let best = load<T>(at<T>(src, o * len * cols + c));
      let index = 0;
      for (let r = 1; r < len; r++) {
        const x = load<T>(at<T>(src, (o * len + r) * cols + c));
        if (better<T>(isMin, x, best)) {
          best = x;
          index = r;
        }
      }
      if (dstValues != 0) store<T>(at<T>(dstValues, o * cols + c), best);
      if (dstIndices != 0) store<i32>(at<i32>(dstIndices, o * cols + c), index);
    }
  }
}
