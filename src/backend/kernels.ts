// The typed surface of the wasm exports, one interface per kernel family (see src/backend/kernels/).
import type { CopyKernels } from './kernels/copy';
import type { ElementwiseKernels } from './kernels/elementwise';
import type { ReduceKernels } from './kernels/reduce';
import type { MatmulKernels } from './kernels/matmul';
import type { IndexingKernels } from './kernels/indexing';
import type { NnKernels } from './kernels/nn';
import type { OptimKernels } from './kernels/optim';
import type { LinalgKernels } from './kernels/linalg';

export type Kernels = CopyKernels & ElementwiseKernels & ReduceKernels & MatmulKernels & IndexingKernels & NnKernels & OptimKernels & LinalgKernels;
