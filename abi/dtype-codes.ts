// Element type codes passed to the cast kernel (its source and destination dtypes): src/dtype.ts gives each dtype one.
// Plain integer constants only, so that the same file compiles as AssemblyScript and as TypeScript (see abi/README.md).
export const DT_F32 = 0;
export const DT_F64 = 1;
export const DT_I32 = 2;
/** bool, one byte per element */
export const DT_U8 = 3;
