import { type MethodDefinition, nothingPrepared, type PretrainingMethod } from './method.js';
import { pairwiseContrastTerms } from './pairwise-contrast.js';

/** MoCo v2 on skeletons (the HaLP baseline / ISC's intra-skeleton contrast): L = L_CL. */
export const mocoMethod: MethodDefinition = {
  name: 'moco',
  description: 'MoCo v2 contrastive baseline: InfoNCE over [positive key, queue]',
  defaults: {},
  streams: (_options, base) => [base],
  create({ temperature, streams }): PretrainingMethod {
    const contrastPairs = [{ query: 0, keys: 0 }];
    return {
      name: 'moco',
      contrastPairs,
      prepare: async () => nothingPrepared,
      lossTerms: (queries, step) => pairwiseContrastTerms(contrastPairs, queries, step, streams, temperature),
      afterStep: async () => undefined,
      metrics: () => ({}),
      saveState: async () => ({}),
      restoreState: () => undefined,
      dispose: () => undefined,
    };
  },
};
