export type { HallucinationTensors } from './hallucinate-tensor.js';
export { hallucinateTensor } from './hallucinate-tensor.js';
export { hallucinateTensorAsync } from './hallucinate-tensor-async.js';
export { halpLossTensor } from './halp-loss-tensor.js';
export { maxInterpolationTableTensor } from './max-interpolation-tensor.js';
export type { HallucinationDrawTensors } from './sampling-tensor.js';
export { stopGradient } from './stop-gradient.js';
