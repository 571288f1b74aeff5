// Helpers for strided loops, shared by the copy, elementwise, indexing and convolution kernels (not exported from
// the module: nothing here is a kernel). Shapes, strides and counters are i32 words in host memory.
//
// Odometer: the outer dims [0, dims) of a loop nest are walked by an index counter (the last of them fastest).
// Every strided operand keeps an element offset that moves by a carry delta when the counter steps: stepping
// dim d (and resetting every dim after it to 0) changes the offset by stride[d] - sum_{d<e<dims} stride[e] * (shape[e] - 1).
// Kernels with scratch room for them compute the deltas once (carryDelta) and add one per row; the others step
// their offsets inline with the counter (copy.ts, elementwise-drivers.ts), which measured faster on short rows than
// deriving the deltas row by row.

@inline
function word(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Zeroes the counters of dims [0, dims) and returns how many steps they span (the product of their sizes). */
@inline
export function startOdometer(dims: i32, shapeP: usize, counterP: usize): i32 {
  let total: i32 = 1;
  for (let d = 0; d < dims; d++) {
    total *= word(shapeP, d);
    store<i32>(counterP + (<usize>d << 2), 0);
  }
  return total;
}

/**
 * Steps the counter over dims [0, dims) once and returns the dim that was incremented (the dims after it are reset
 * to 0); -1 when the counter was at its last step (callers stop before that).
 */
@inline
export function nextIndex(dims: i32, shapeP: usize, counterP: usize): i32 {
  for (let d = dims - 1; d >= 0; d--) {
    const cp = counterP + (<usize>d << 2);
    const c = load<i32>(cp) + 1;
    if (c < word(shapeP, d)) {
      store<i32>(cp, c);
      return d;
    }
    store<i32>(cp, 0);
  }
  return -1;
}

/** Element offset change of an operand with strides at strideP when nextIndex(dims, ...) returned d. */
@inline
export function carryDelta(d: i32, dims: i32, shapeP: usize, strideP: usize): isize {
  let delta = <isize>word(strideP, d);
  for (let e = d + 1; e < dims; e++) delta -= <isize>word(strideP, e) * <isize>(word(shapeP, e) - 1);
  return delta;
}

/** n elements of T from src to dst, srcStep and dstStep bytes apart (a gather when dstStep is the element size). */
@inline
export function moveStrided<T>(dst: usize, dstStep: usize, src: usize, srcStep: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    store<T>(dst, load<T>(src));
    src += srcStep;
    dst += dstStep;
  }
}
