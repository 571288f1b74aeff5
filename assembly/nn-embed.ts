// Embedding row gather / scatter-add, one-hot encoding and the dropout mask.
import { addRun } from './nn-simd';

/**
 * dst[i, :] = table[indices[i], :] for rows of D elements (indices already checked to be in range), zeros for
 * indices equal to zeroIndex (the adjoint of rowScatterAdd's skip; pass a value outside [0, rows) for none).
 */
export function rowGather(elemBytes: i32, table: usize, indices: usize, dst: usize, n: i32, D: i32, zeroIndex: i32): void {
  const rowBytes = <usize>D * <usize>elemBytes;
  for (let i = 0; i < n; i++) {
    const row = load<i32>(indices + (<usize>i << 2));
    if (row == zeroIndex) memory.fill(dst + <usize>i * rowBytes, 0, rowBytes);
    else memory.copy(dst + <usize>i * rowBytes, table + <usize>row * rowBytes, rowBytes);
  }
}

/**
 * The adjoint of rowGather: dst [rows, D] (overwritten) gets src[i, :] added into row indices[i], except for
 * indices equal to skipIndex (the embedding's padding_idx; pass a value outside [0, rows) for none).
 */
function rowScatterAdd<T>(src: usize, indices: usize, dst: usize, n: i32, D: i32, rows: i32, skipIndex: i32): void {
  const rowBytes = <usize>D * <usize>sizeof<T>();
  memory.fill(dst, 0, <usize>rows * rowBytes);
  for (let i = 0; i < n; i++) {
    const row = load<i32>(indices + (<usize>i << 2));
    if (row == skipIndex) continue;
    addRun<T>(dst + <usize>row * rowBytes, src + <usize>i * rowBytes, D);
  }
}

export function rowScatterAddF32(src: usize, indices: usize, dst: usize, n: i32, D: i32, rows: i32, skipIndex: i32): void {
  rowScatterAdd<f32>(src, indices, dst, n, D, rows, skipIndex);
}

export function rowScatterAddF64(src: usize, indices: usize, dst: usize, n: i32, D: i32, rows: i32, skipIndex: i32): void {
  rowScatterAdd<f64>(src, indices, dst, n, D, rows, skipIndex);
}

/** dst [n, classes] int32 (overwritten): 1 at (i, indices[i]), 0 elsewhere (indices already checked). */
export function oneHotI32(indices: usize, n: i32, classes: i32, dst: usize): void {
  memory.fill(dst, 0, <usize>n * <usize>classes * 4);
  for (let i = 0; i < n; i++) {
    store<i32>(dst + ((<usize>i * <usize>classes + <usize>load<i32>(indices + (<usize>i << 2))) << 2), 1);
  }
}

/**
 * Turns uniform [0, 1) samples into the dropout multiplier in place: scale where u < keep (a Bernoulli(keep)
 * draw), 0 elsewhere.
 */
function bernoulliScale<T>(data: usize, n: i32, keep: f64, scale: f64): void {
  const eb = <usize>sizeof<T>();
  for (let i = 0; i < n; i++) {
    const at = data + <usize>i * eb;
    store<T>(at, <f64>load<T>(at) < keep ? <T>scale : <T>0);
  }
}

export function bernoulliScaleF32(data: usize, n: i32, keep: f64, scale: f64): void {
  bernoulliScale<f32>(data, n, keep, scale);
}

export function bernoulliScaleF64(data: usize, n: i32, keep: f64, scale: f64): void {
  bernoulliScale<f64>(data, n, keep, scale);
}

/**
 * Embedding max_norm: every row of table [rows, D] referenced by indices whose p-norm exceeds maxNorm is scaled
 * in place by maxNorm / (norm + 1e-7), as PyTorch's embedding_renorm_ (p = Infinity for the max norm). A repeated
 * index finds its row already within maxNorm and leaves it as it is.
 */
function rowRenorm<T>(table: usize, indices: usize, n: i32, D: i32, maxNorm: f64, p: f64): void {
  const eb = <usize>sizeof<T>();
  for (let i = 0; i < n; i++) {
    const row = table + <usize>load<i32>(indices + (<usize>i << 2)) * <usize>D * eb;
    let norm: f64 = 0;
    for (let j = 0; j < D; j++) {
      const v = Math.abs(<f64>load<T>(row + <usize>j * eb));
      if (p == Infinity) norm = max(norm, v);
      else if (p == 1) norm += v;
      else if (p == 2) norm += v * v;
      else norm += Math.pow(v, p);
    }
    if (p == 2) norm = Math.sqrt(norm);
    else if (p != 1 && p != Infinity) norm = Math.pow(norm, 1 / p);
    if (norm > maxNorm) {
      const scale = maxNorm / (norm + 1e-7);
      for (let j = 0; j < D; j++) {
        const at = row + <usize>j * eb;
        store<T>(at, <T>(<f64>load<T>(at) * scale));
      }
    }
  }
}

export function rowRenormF32(table: usize, indices: usize, n: i32, D: i32, maxNorm: f64, p: f64): void {
  rowRenorm<f32>(table, indices, n, D, maxNorm, p);
}

export function rowRenormF64(table: usize, indices: usize, n: i32, D: i32, maxNorm: f64, p: f64): void {
  rowRenorm<f64>(table, indices, n, D, maxNorm, p);
}
