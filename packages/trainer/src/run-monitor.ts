import type { PretrainConfig } from './config.js';
import type { PretrainMonitor } from './pretrain-types.js';
import type { TrainingState } from './training-state.js';

/**
 * The monitor's accuracies after an epoch, when the run has one and `config.knnEvery` divides the
 * number of epochs done; nothing otherwise.
 */
export async function monitorAfterEpoch(
  config: PretrainConfig,
  monitor: PretrainMonitor | undefined,
  state: TrainingState,
): Promise<Readonly<Record<string, number>>> {
  const due = monitor !== undefined && config.knnEvery > 0 && state.epoch % config.knnEvery === 0;
  return due ? monitor(state.streams, state.epoch) : {};
}
