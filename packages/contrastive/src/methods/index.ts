export { type CmdOptions, cmdMethod } from './cmd.js';
export { cmdHalpMethod } from './cmd-halp.js';
export type { Hallucinated, HallucinationTerm, HallucinationTermState } from './hallucination-term.js';
export { createHallucinationTerm } from './hallucination-term.js';
export { halpMethod } from './halp.js';
export { HALP_OPTIONS, type HalpOptions, halpOptionRelations } from './halp-options.js';
export { ISC_REPRESENTATIONS, type IscOptions, iscMethod } from './isc.js';
export { iscHalpMethod } from './isc-halp.js';
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
} from './method.js';
export { defineMethod, nothingPrepared, streamName } from './method.js';
export type { OptionIssue, OptionRelations, OptionSpec, OptionsSchema } from './method-options.js';
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
} from './method-options.js';
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
