export type { Random, RandomState } from './random.js';
export { createRandom, restoreRandom, forkRandom, hashString } from './random.js';
export {
  uniform,
  uniformInt,
  normal,
  fillNormal,
  fillUniform,
  shuffle,
  permutation,
  sampleWithoutReplacement,
  weightedIndex,
} from './draws.js';
