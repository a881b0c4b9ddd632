// @halp/torch-checkpoint: PyTorch checkpoints (torch.save zip archives) read safely and lazily from
// bytes, a Blob or (through `/node`) a file, and the HaLP/CMD references' MoCo BiGRU checkpoints
// mapped onto halp encoders and training state.

export { type ByteSource, blobSource, bytesSource } from './byte-source.js';
export { encoderFromImport } from './encoder-from-import.js';
export type { NamedArray } from './named-array.js';
export { type ReferencePart, referenceBiGruParts } from './reference-bigru-names.js';
export {
  importReferenceMoco,
  type ReferenceImportOptions,
  type ReferenceMocoImport,
  referenceStreams,
} from './reference-moco.js';
export type { OptimizerSettings } from './reference-momentum.js';
export type { ImportedQueue } from './reference-queue.js';
export { stateDict } from './state-dict.js';
export { openTorchCheckpoint, readTensor, type TorchCheckpoint } from './torch-checkpoint.js';
export { TORCH_CHECKPOINT_POLICY } from './torch-pickle-policy.js';
export {
  isTorchTensor,
  type TensorData,
  type TorchDtype,
  type TorchStorage,
  type TorchTensor,
} from './torch-tensor.js';
export { referenceCheckpointBytes } from './write/reference-state-dict.js';
export { readZipDirectory, type ZipEntry } from './zip-directory.js';
