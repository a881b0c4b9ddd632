import { cmdMethod } from './cmd.js';
import { withHallucinatedPositives } from './with-hallucinated-positives.js';

/**
 * HaLP + CMD, the paper's best row: CMD with HaLP's positives for every stream, hallucinated from its
 * keys towards prototypes of its own queue and pulling its own queries (`builder_mm_halp.py`).
 */
export const cmdHalpMethod = withHallucinatedPositives(
  cmdMethod,
  'cmd-halp',
  'HaLP + CMD: CMD plus hallucinated positives for every modality’s queue',
  { family: 'cmd', rows: [{ name: 'cmd-halp', label: 'HaLP + CMD', start: 'warm-start' }] },
);
