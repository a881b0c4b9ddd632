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
export { builtInMethods } from './methods/built-in-methods.js';
export { type CmdOptions, cmdMethod } from './methods/cmd.js';
export { cmdHalpMethod } from './methods/cmd-halp.js';
export type {
  Hallucinated,
  HallucinationTerm,
  HallucinationTermState,
} from './methods/hallucination-term.js';
export { createHallucinationTerm } from './methods/hallucination-term.js';
export { halpMethod } from './methods/halp.js';
export { HALP_OPTIONS, type HalpOptions, halpOptionRelations } from './methods/halp-options.js';
export { ISC_REPRESENTATIONS, type IscOptions, iscMethod } from './methods/isc.js';
export { iscHalpMethod } from './methods/isc-halp.js';
export type {
  ContrastiveStep,
  ContrastPair,
  MethodBenchmark,
  MethodContext,
  MethodDefinition,
  MethodMetrics,
  MethodPlugin,
  PreparedStep,
  PretrainingMethod,
  StreamSpec,
  StreamStep,
} from './methods/method.js';
export { defineMethod, nothingPrepared, streamName } from './methods/method.js';
export type { OptionIssue, OptionRelations, OptionSpec, OptionsSchema } from './methods/method-options.js';
export {
  choiceOption,
  describeOption,
  integerOption,
  joinedNamesOption,
  numberOption,
  optionDefaults,
  optionEntries,
  optionIssues,
  resolveOptions,
} from './methods/method-options.js';
export { mocoMethod } from './methods/moco.js';
export { pairwiseContrastMethod, pairwiseContrastTerms } from './methods/pairwise-contrast.js';
export { type MethodRegistry, methodRegistry } from './methods/registry.js';
export { streamTermName } from './methods/term-names.js';
export { withHallucinatedPositives } from './methods/with-hallucinated-positives.js';
export { momentumAverage, momentumUpdate } from './momentum-update.js';
export type { StreamEmbeddings } from './stream-embeddings.js';
