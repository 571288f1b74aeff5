// Optimiser update kernels: fused SGD (momentum, Nesterov, weight decay) and Adam/AdamW (amsgrad) steps.
export {};
