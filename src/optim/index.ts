// The optim namespace: optimisers over module parameters.
export {
  Optimizer, type ParamGroup, type ParamGroupInput, type ParamsInput, type ParamState, type OptimizerStateDict,
} from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, AdamW, type AdamOptions } from './adam';
