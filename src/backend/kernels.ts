// The typed surface of the wasm exports, one interface per kernel family (see src/backend/kernels/).
import type { CopyKernels } from './kernels/copy';

export type Kernels = CopyKernels;
