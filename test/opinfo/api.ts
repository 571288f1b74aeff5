// The public ops the database must cover: every exported function, and every function of nn.functional, linalg
// and einops, except the listed exports that are not ops (classes, grad-mode and lifetime control, printing, I/O).
import * as api from '../../src/index';

/** Exports that are not tensor ops, each with the reason it has no entry. */
export const NOT_OPS: Record<string, string> = {
  Tensor: 'the class', Generator: 'the class', ValuesIndices: 'a result type',
  AutogradError: 'error class', DTypeError: 'error class', DisposedError: 'error class', EinopsError: 'error class',
  GradcheckError: 'error class', IndexError: 'error class', NotSupportedError: 'error class',
  OutOfMemoryError: 'error class', SafetensorsError: 'error class', ShapeError: 'error class',
  'einops.EinopsError': 'error class',
  backward: 'the autograd engine', grad: 'the autograd engine', gradcheck: 'a test utility', gradgradcheck: 'a test utility',
  enableGrad: 'grad mode', noGrad: 'grad mode', setGradEnabled: 'grad mode', isGradEnabled: 'grad mode',
  tidy: 'lifetime', keep: 'lifetime', memory: 'lifetime', backendInfo: 'runtime information',
  getPrintOptions: 'printing', setPrintOptions: 'printing', promoteTypes: 'dtype rule (test/dtype tests)',
  manualSeed: 'generator state (test/random.test.ts)',
  loadSafetensors: 'I/O (test/safetensors.test.ts)', saveSafetensors: 'I/O (test/safetensors.test.ts)',
  readSafetensorsHeader: 'I/O (test/safetensors.test.ts)',
  parseShape: 'einops shape parsing (returns numbers)', 'einops.parseShape': 'einops shape parsing (returns numbers)',
};

/** Namespaces whose functions are ops, by their export path prefix. */
const NAMESPACES: Record<string, Record<string, unknown>> = {
  'nn.functional': api.nn.functional as unknown as Record<string, unknown>,
  linalg: api.linalg as unknown as Record<string, unknown>,
  einops: api.einops as unknown as Record<string, unknown>,
};

/** Export path -> the function, for every op-like export. */
export function exportedOps(): Map<string, unknown> {
  const ops = new Map<string, unknown>();
  for (const [name, value] of Object.entries(api)) {
    if (typeof value === 'function' && !(name in NOT_OPS) && !/^[A-Z]/.test(name)) ops.set(name, value);
  }
  for (const [prefix, ns] of Object.entries(NAMESPACES)) {
    for (const [name, value] of Object.entries(ns)) {
      const path = `${prefix}.${name}`;
      if (typeof value === 'function' && !(path in NOT_OPS) && !/^[A-Z]/.test(name)) ops.set(path, value);
    }
  }
  return ops;
}

/** The function an entry's name refers to. */
export function resolveExport(path: string): unknown {
  const parts = path.split('.');
  let value: unknown = api;
  for (const p of parts) value = (value as Record<string, unknown>)?.[p];
  return value;
}
