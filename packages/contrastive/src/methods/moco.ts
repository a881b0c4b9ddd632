import { defineMethod } from './method.js';
import { pairwiseContrastMethod } from './pairwise-contrast.js';

/** MoCo v2 on skeletons (the HaLP baseline / ISC's intra-skeleton contrast): L = L_CL. No options. */
export const mocoMethod = defineMethod<Record<never, never>>({
  name: 'moco',
  description: 'MoCo v2 contrastive baseline: InfoNCE over [positive key, queue]',
  options: {},
  streams: (_options, base) => [base],
  create: (context) => pairwiseContrastMethod('moco', [{ query: 0, keys: 0 }], context),
  benchmark: { rows: [{ name: 'baseline', label: 'baseline (MoCo)', start: 'resume' }] },
});
