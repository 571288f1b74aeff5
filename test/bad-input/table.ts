// The bad-input table: calls across the whole API that the library must refuse, run by test/bad-input.test.ts.
// Each section file holds one kind of bad input.
import { autogradCalls } from './autograd';
import { constructorCalls } from './constructor';
import { dataCalls } from './data';
import { dtypeCalls } from './dtypes';
import { einopsCalls } from './einops';
import type { BadCall } from './entry';
import { indexCalls } from './indices';
import { lifetimeCalls } from './lifetime';
import { linalgCalls } from './linalg';
import { optimiserCalls } from './optimisers';
import { optionCalls } from './options';
import { safetensorsCalls } from './safetensors';
import { shapeCalls } from './shapes';
import { sizeCalls } from './sizes';
import { stateDictCalls } from './state-dicts';

export const table: readonly BadCall[] = [
  ...shapeCalls,
  ...dtypeCalls,
  ...indexCalls,
  ...sizeCalls,
  ...dataCalls,
  ...optionCalls,
  ...lifetimeCalls,
  ...autogradCalls,
  ...stateDictCalls,
  ...optimiserCalls,
  ...safetensorsCalls,
  ...einopsCalls,
  ...linalgCalls,
  ...constructorCalls,
];
