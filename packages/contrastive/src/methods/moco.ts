import { infoNceLoss } from '../info-nce.js';
import type { MethodDefinition, PreparedStep, PretrainingMethod } from './method.js';

const nothingPrepared: PreparedStep = { dispose: () => undefined };

/** MoCo v2 on skeletons (the HaLP baseline / ISC's intra-skeleton contrast): L = L_CL. */
export const mocoMethod: MethodDefinition = {
  name: 'moco',
  description: 'MoCo v2 contrastive baseline: InfoNCE over [positive key, queue]',
  defaults: {},
  create({ temperature }): PretrainingMethod {
    return {
      name: 'moco',
      prepare: async () => nothingPrepared,
      lossTerms: (queries, { keys, queue }) => ({
        contrastive: infoNceLoss(queries, keys, queue.keys, temperature),
      }),
      afterStep: async () => undefined,
      metrics: () => ({}),
      saveState: async () => ({}),
      restoreState: () => undefined,
      dispose: () => undefined,
    };
  },
};
