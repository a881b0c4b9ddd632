// Node-only part of @halp/torch-checkpoint: checkpoints read from files on disk.

export { fileSource } from './file-source.js';
export { openTorchCheckpointFile } from './open-file.js';
export { writeReferenceCheckpointFile } from './write-file.js';
