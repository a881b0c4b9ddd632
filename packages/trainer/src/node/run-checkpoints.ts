import type { PretrainConfig } from '../config.js';
import { snapshotTrainingState, type TrainingState } from '../training-state.js';
import { writeCheckpoint } from './checkpoint-file.js';

/** Writes a run's checkpoints and remembers the newest. */
export interface CheckpointSchedule {
  /** Path of the newest checkpoint (the one resumed from until the run writes one; null if none). */
  readonly last: string | null;
  /** After an epoch: writes `epoch-NNNN` and `latest` every `checkpoint.every` epochs and after the last. */
  afterEpoch(state: TrainingState): Promise<void>;
}

export function checkpointSchedule(config: PretrainConfig, resumedFrom: string | null): CheckpointSchedule {
  const { directory, every } = config.checkpoint;
  let last = resumedFrom;
  return {
    get last() {
      return last;
    },
    async afterEpoch(state) {
      if (directory === null) return;
      if (state.epoch % every !== 0 && state.epoch !== config.epochs) return;
      const contents = await snapshotTrainingState(state);
      last = await writeCheckpoint(directory, `epoch-${String(state.epoch).padStart(4, '0')}`, contents);
      await writeCheckpoint(directory, 'latest', contents);
    },
  };
}
