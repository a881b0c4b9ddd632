import { mocoMethod } from './moco.js';
import { withHallucinatedPositives } from './with-hallucinated-positives.js';

/**
 * HaLP (docs/method.md §2–3): L = L_CL + μ·L_HaLP, where L_HaLP pulls the query towards positives
 * hallucinated from the key along geodesics to prototypes of the queue. MoCo with
 * {@link withHallucinatedPositives}.
 */
export const halpMethod = withHallucinatedPositives(
  mocoMethod,
  'halp',
  'HaLP: MoCo plus hallucinated latent positives along geodesics towards prototypes',
  { family: 'moco', rows: [{ name: 'halp', label: 'HaLP', start: 'warm-start' }] },
);
