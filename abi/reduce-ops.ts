// Operation codes and flags of the reduction kernels (assembly/reduce-*.ts), used by the host through
// src/backend/kernels/reduce.ts. Plain integer constants only, so that the same file compiles as AssemblyScript and
// as TypeScript (see abi/README.md).

// Map-reduce ops (reduceInner / reduceOuter): each is a per-element map, a combine, an identity and a finishing step.
export const OP_SUM = 0; //          x,    +,   0
export const OP_PROD = 1; //         x,    *,   1
export const OP_MAX = 2; //          x,    max, -inf (NaN propagates)
export const OP_MIN = 3; //          x,    min, +inf (NaN propagates)
export const OP_MEAN = 4; //         x,    +,   0,  then / n
export const OP_NORM1 = 5; //        |x|,  +,   0
export const OP_NORM2 = 6; //        x*x,  +,   0,  then sqrt
export const OP_NORM_INF = 7; //     |x|,  max, 0
export const OP_NORM_NEG_INF = 8; // |x|,  min, +inf
export const OP_NORM0 = 9; //        x != 0 ? 1 : 0, +, 0
export const OP_NORMP = 10; //       |x|^p, +,  0,  then ^(1/p) (scalar path only: no vector pow)

// Cumulative scans (scanInner / scanOuter): the op, and flag bits.
export const SCAN_SUM = 0;
export const SCAN_PROD = 1;
/** scan from the end of the dim */
export const SCAN_REVERSE = 1;
/** each output leaves out its own element */
export const SCAN_EXCLUSIVE = 2;
