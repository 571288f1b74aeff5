// Operation codes of the elementwise kernels (assembly/elementwise-*.ts) and their host callers (src/ops/elementwise).
// Plain integer constants only, so that the same file compiles as AssemblyScript and as TypeScript (see abi/README.md).

// Unary maps: unaryF32 / unaryF64 (all), unaryI32 (NEG, ABS, SIGN, SQUARE, CUBE, RELU, CLAMP).
export const NEG = 0;
export const ABS = 1;
export const SQRT = 2;
export const RSQRT = 3;
export const EXP = 4;
export const EXP2 = 5;
export const EXPM1 = 6;
export const LOG = 7;
export const LOG2 = 8;
export const LOG10 = 9;
export const LOG1P = 10;
export const SIN = 11;
export const COS = 12;
export const TANH = 13;
export const SIGMOID = 14;
export const ATAN = 15;
export const ASIN = 16;
export const ERF = 17;
export const SIGN = 18;
export const FLOOR = 19;
export const CEIL = 20;
export const TRUNC = 21;
export const ROUND = 22;
export const RECIPROCAL = 23;
export const SQUARE = 24;
export const CUBE = 25;
export const RECIPROCAL_SQUARE = 26;
export const RELU = 27;
/** p = negative slope */
export const LEAKY_RELU = 28;
/** p = alpha */
export const ELU = 29;
export const SILU = 30;
export const GELU = 31;
export const GELU_TANH = 32;
/** p = beta, q = threshold */
export const SOFTPLUS = 33;
/** p = min, q = max */
export const CLAMP = 34;

// Binary ops: binaryF32 / binaryF64 (all but the logical ones and FIRST), binaryI32 (not ATAN2, LOGADDEXP),
// binaryU8 (the logical ones and FIRST).
export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
/** a + p * b */
export const ADD_SCALED = 4;
export const MAXIMUM = 5;
export const MINIMUM = 6;
export const POW = 7;
export const ATAN2 = 8;
export const FMOD = 9;
export const REMAINDER = 10;
export const FLOOR_DIVIDE = 11;
export const TRUNC_DIVIDE = 12;
export const LOGICAL_AND = 13;
export const LOGICAL_OR = 14;
export const LOGICAL_XOR = 15;
/** max(a, b) + log1p(exp(-|a - b|)); a when a == b is infinite */
export const LOGADDEXP = 16;
/** a, broadcast against b (bool a + alpha * b with a false alpha) */
export const FIRST = 17;

// Comparisons: compareF32 / compareF64 / compareI32, bool (byte) output.
export const EQ = 0;
export const NE = 1;
export const LT = 2;
export const LE = 3;
export const GT = 4;
export const GE = 5;

// Ternary ops: ternaryF32 / ternaryF64 (float only), out = f(a, b, c), p = the op's scalar.
/** a + c * (b - a) for |c| < 0.5, else b - (b - a) * (1 - c) (PyTorch's lerp) */
export const LERP = 0;
/** a + p * b * c */
export const ADDCMUL = 1;
/** a + p * b / c */
export const ADDCDIV = 2;
/** min(max(a, b), c), NaN-propagating (clamp with tensor bounds) */
export const CLAMP_BOUNDS = 3;
