export { type CmdOptions, cmdMethod, DEFAULT_CMD_OPTIONS, resolveCmdOptions } from './cmd.js';
export { cmdHalpMethod } from './cmd-halp.js';
export type { Hallucinated, HallucinationTerm, HallucinationTermState } from './hallucination-term.js';
export { createHallucinationTerm } from './hallucination-term.js';
export { halpMethod } from './halp.js';
export { DEFAULT_HALP_OPTIONS, type HalpOptions, resolveHalpOptions } from './halp-options.js';
export { ISC_REPRESENTATIONS, iscMethod } from './isc.js';
export { iscHalpMethod } from './isc-halp.js';
export type {
  ContrastiveStep,
  ContrastPair,
  MethodContext,
  MethodDefinition,
  MethodMetrics,
  PreparedStep,
  PretrainingMethod,
  StreamSpec,
  StreamStep,
} from './method.js';
export { nothingPrepared, streamName } from './method.js';
export { mocoMethod } from './moco.js';
export { pairwiseContrastMethod, pairwiseContrastTerms } from './pairwise-contrast.js';
export { type MethodRegistry, methodRegistry } from './registry.js';
export { streamTermName } from './term-names.js';
export { withHallucinatedPositives } from './with-hallucinated-positives.js';

import { cmdMethod } from './cmd.js';
import { cmdHalpMethod } from './cmd-halp.js';
import { halpMethod } from './halp.js';
import { iscMethod } from './isc.js';
import { iscHalpMethod } from './isc-halp.js';
import { mocoMethod } from './moco.js';
import { methodRegistry } from './registry.js';

/** The methods the trainer knows by default: `moco` (baseline), `halp`, `isc`, `isc-halp`, `cmd`, `cmd-halp`. */
export const builtInMethods = methodRegistry([
  mocoMethod,
  halpMethod,
  iscMethod,
  iscHalpMethod,
  cmdMethod,
  cmdHalpMethod,
]);
