// Every kernel family is re-exported here; the host calls them through the raw wasm exports.
export { heapBase } from './memory';
export { copyStrided, copyStridedToStrided, fillF32, fillF64, fillI32, fillU8, cast } from './copy';
export * from './elementwise';
export * from './reduce';
export * from './matmul';
export * from './indexing';
export * from './nn';
export * from './optim';
export * from './linalg';
