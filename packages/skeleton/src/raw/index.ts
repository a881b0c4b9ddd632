export type { NtuSampleId } from './ntu-sample-name.js';
export { parseNtuSampleName } from './ntu-sample-name.js';
export { parseNtuSkeleton } from './ntu-skeleton.js';
export type { PkuActionInstance } from './pku-labels.js';
export { parsePkuLabels } from './pku-labels.js';
export type { PkuSkeleton } from './pku-skeleton.js';
export { PKU_BODIES, PKU_JOINTS, parsePkuSkeleton } from './pku-skeleton.js';
export type { RawBody, RawFrame, RawSequence } from './raw-sequence.js';
export { parseMissingSkeletonList, parseSplitList } from './split-list.js';
