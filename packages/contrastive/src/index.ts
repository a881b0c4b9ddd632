// @halp/contrastive: contrastive objectives — the MoCo key queue, momentum update, InfoNCE, and the
// registry of pretraining methods (moco, halp).

export { contrastAccuracy, contrastLogits, infoNceLoss, infoNceLossArray } from './info-nce.js';
export { KeyQueue, type KeyQueueSnapshot } from './key-queue.js';
export * from './methods/index.js';
export { momentumAverage, momentumUpdate } from './momentum-update.js';
