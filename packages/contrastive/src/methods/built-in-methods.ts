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
