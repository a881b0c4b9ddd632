import { realpath } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { PretrainConfig } from '../config.js';
import type { NonFiniteFailure } from '../pretrain-types.js';
import { snapshotTrainingState, type TrainingState } from '../training-state.js';
import {
  firstNonFiniteTensor,
  LATEST,
  NonFiniteCheckpointError,
  pointLatest,
  removeCheckpointLeftovers,
  writeCheckpoint,
} from './checkpoint-file.js';

/** Writes a run's checkpoints and remembers the newest. */
export interface CheckpointSchedule {
  /** Path of the newest checkpoint (the one resumed from until the run writes one; null if none). */
  readonly last: string | null;
  /**
   * After an epoch: every `checkpoint.every` epochs and after the last, writes `epoch-NNNN` and
   * points `latest` at it. A state with a non-finite value is never written: it is returned as the
   * failure the run stops on (after the last epoch it is checked even without a checkpoint folder).
   */
  afterEpoch(state: TrainingState): Promise<NonFiniteFailure | undefined>;
}

/**
 * The checkpoint schedule of a run. Before the run starts, what an interrupted write left in the
 * checkpoint folder is removed, and a run resumed from one of the folder's own checkpoints points
 * `latest` at it, so that `latest` never names a later checkpoint of the abandoned attempt while
 * the resumed run rewrites it.
 */
export async function checkpointSchedule(
  config: PretrainConfig,
  resumedFrom: string | null,
): Promise<CheckpointSchedule> {
  const { directory, every } = config.checkpoint;
  if (directory !== null) {
    await removeCheckpointLeftovers(directory);
    if (resumedFrom !== null) await continueLatestFrom(directory, resumedFrom);
  }
  let last = resumedFrom;
  return {
    get last() {
      return last;
    },
    async afterEpoch(state) {
      const due = state.epoch % every === 0 || state.epoch === config.epochs;
      if (!due || (directory === null && state.epoch !== config.epochs)) return undefined;
      const contents = await snapshotTrainingState(state);
      const failure = (found: { tensor: string; count: number; value: number }): NonFiniteFailure => ({
        step: state.step,
        term: 'state',
        value: found.value,
        tensor: found.tensor,
        count: found.count,
      });
      if (directory === null) {
        const nonFinite = firstNonFiniteTensor(contents.tensors);
        return nonFinite && failure(nonFinite);
      }
      const name = `epoch-${String(state.epoch).padStart(4, '0')}`;
      let written: string;
      try {
        written = await writeCheckpoint(directory, name, contents);
      } catch (error) {
        if (error instanceof NonFiniteCheckpointError) return failure(error);
        throw error;
      }
      await pointLatest(directory, name);
      last = written;
      return undefined;
    },
  };
}

async function continueLatestFrom(directory: string, resumeFrom: string): Promise<void> {
  const folder = await realpath(directory).catch(() => undefined);
  const resolved = await realpath(resumeFrom);
  if (folder !== undefined && dirname(resolved) === folder && basename(resolved) !== LATEST) {
    await pointLatest(directory, basename(resolved));
  }
}
