import { iscMethod } from './isc.js';
import { withHallucinatedPositives } from './with-hallucinated-positives.js';

/** ISC with HaLP's hallucinated positives for each representation's key stream and queue. */
export const iscHalpMethod = withHallucinatedPositives(
  iscMethod,
  'isc-halp',
  'ISC plus hallucinated positives from each representation’s keys and queue',
  { family: 'isc', rows: [{ name: 'isc-halp', label: 'ISC + HaLP', start: 'warm-start' }] },
);
