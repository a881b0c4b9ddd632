export { bone } from './bone.js';
export { fromGrid, toGrid } from './grid.js';
export { type Modality, modalities, toModality } from './modality.js';
export { motion } from './motion.js';
export { fromSequence, sequenceWidth, toSequence } from './sequence.js';
