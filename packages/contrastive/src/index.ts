// @halp/contrastive: contrastive objectives — the MoCo key queue, momentum update, InfoNCE, and the
// registry of pretraining methods (moco, halp, isc, isc-halp, cmd, cmd-halp).

export { crossModalDistillationLoss } from './cross-modal-distillation.js';
export { crossModalDistillationLossArray } from './cross-modal-distillation-array.js';
export {
  CMD_DEFAULT_OPTIONS,
  type CrossModalDistillationOptions,
  type DistillationPair,
  everyOrderedPair,
} from './cross-modal-distillation-options.js';
export { contrastAccuracy, contrastLogits, infoNceLoss, infoNceLossArray } from './info-nce.js';
export { interSkeletonContrastLoss, interSkeletonContrastLossArray } from './inter-skeleton-contrast.js';
export { KeyQueue, type KeyQueueSnapshot } from './key-queue.js';
export * from './methods/index.js';
export { momentumAverage, momentumUpdate } from './momentum-update.js';
export type { StreamEmbeddings } from './stream-embeddings.js';
