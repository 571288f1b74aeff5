// Flag bits of the optimiser kernels (assembly/optim.ts), set by src/optim/sgd.ts and src/optim/adam.ts.
// Plain integer constants only, so that the same file compiles as AssemblyScript and as TypeScript (see abi/README.md).

// sgdStep*
export const SGD_MAXIMIZE = 1;
export const SGD_NESTEROV = 2;
/** First step with momentum: the buffer is created as a copy of the (decayed) gradient. */
export const SGD_INIT_BUFFER = 4;

// adamStep*
export const ADAM_MAXIMIZE = 1;
export const ADAM_AMSGRAD = 2;
/** AdamW: weight decay multiplies the parameter by (1 - lr * weightDecay) instead of adding to the gradient. */
export const ADAM_DECOUPLED = 4;
