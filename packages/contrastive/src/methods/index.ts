export { DEFAULT_HALP_OPTIONS, type HalpOptions, halpMethod, resolveHalpOptions } from './halp.js';
export type {
  ContrastiveStep,
  MethodContext,
  MethodDefinition,
  MethodMetrics,
  PreparedStep,
  PretrainingMethod,
} from './method.js';
export { mocoMethod } from './moco.js';
export { type MethodRegistry, methodRegistry } from './registry.js';

import { halpMethod } from './halp.js';
import { mocoMethod } from './moco.js';
import { methodRegistry } from './registry.js';

/** The methods the trainer knows by default: `moco` (baseline) and `halp`. */
export const builtInMethods = methodRegistry([mocoMethod, halpMethod]);
