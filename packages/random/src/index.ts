export {
  fillNormal,
  fillUniform,
  normal,
  permutation,
  sampleWithoutReplacement,
  shuffle,
  uniform,
  uniformInt,
  weightedIndex,
} from './draws.js';
export type { Random, RandomState } from './random.js';
export { createRandom, forkRandom, hashString, restoreRandom } from './random.js';
