// The training state the step benchmarks drive: a BiGRU pretraining config of given sizes on
// NTU-shaped inputs (150 channels: 25 joints × 3 coordinates × 2 bodies), built from the packages.
import { importBuilt } from './packages.mjs';

export const NTU_CHANNELS = 150;

/**
 * `sizes`: hiddenSize, numLayers, frames, batch, queueSize, embedding. Returns the config, the state
 * and the generator that made it (seed 7), for drawing the step's inputs.
 */
export async function benchTrainingState({ method, methodOptions, sizes, stepping }) {
  const trainer = await importBuilt('trainer');
  const { builtInMethods } = await importBuilt('contrastive');
  const { createRandom, forkRandom } = await importBuilt('random');
  const { kinect25 } = await importBuilt('skeleton');
  const config = {
    ...trainer.DEFAULT_PRETRAIN_CONFIG,
    method,
    methodOptions,
    encoder: {
      inputSize: NTU_CHANNELS,
      hiddenSize: sizes.hiddenSize,
      numLayers: sizes.numLayers,
      head: 'mlp',
      embeddingSize: sizes.embedding,
      stepping,
      batchNorm: true,
    },
    frames: sizes.frames,
    batchSize: sizes.batch,
    queueSize: sizes.queueSize,
  };
  const random = createRandom(7);
  const state = trainer.createTrainingState(config, builtInMethods, forkRandom(random, 'state'), {
    layout: kinect25,
    channels: 3,
    bodies: 2,
  });
  return { config, state, random };
}
