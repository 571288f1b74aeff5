export { Generator, defaultGenerator, manualSeed, DEFAULT_SEED, type GeneratorState } from './generator';
export type { MT19937State } from './mt19937';
