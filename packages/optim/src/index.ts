// @halp/optim: SGD as PyTorch applies it (momentum, weight decay, saveable state) and the step
// learning-rate schedule of the references.

export { stepLearningRate } from './learning-rate.js';
export { Sgd, type SgdOptions } from './sgd.js';
