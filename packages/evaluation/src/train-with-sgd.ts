import { Sgd } from '@halp/optim';
import * as tf from '@tensorflow/tfjs-core';
import { type ClassifierSchedule, scheduledLearningRate } from './classifier-schedule.js';

/** One mini-batch of a classification protocol. */
export interface TrainingBatch {
  readonly size: number;
  /** The batch's mean loss as a function of the trained variables (evaluated under `tf.variableGrads`). */
  readonly loss: () => tf.Scalar;
  /** Runs after the update, e.g. to fold the batch into BatchNorm running statistics. */
  readonly afterStep?: () => void;
  /** Tensors the batch owns; disposed after its step. */
  readonly tensors: readonly tf.Tensor[];
}

/** What one epoch of training did. */
export interface EpochRecord {
  /** 0-based. */
  readonly epoch: number;
  readonly learningRate: number;
  /** Mean training loss over the epoch's samples. */
  readonly loss: number;
}

/** The batches of an epoch (0-based), in training order. */
export type EpochBatches = (epoch: number) => AsyncIterable<TrainingBatch>;

/**
 * Minimises the batches' losses over `variables` with SGD as PyTorch applies it (dampening 0,
 * no Nesterov):
 *
 *     g ← ∇θ + wd·θ,   v ← μ·v + g,   θ ← θ − lr(epoch)·v
 *
 * with the step schedule of {@link scheduledLearningRate}. Returns one record per epoch and calls
 * `onEpoch` with it. Throws when the mean loss of an epoch is not finite (the run diverged: lower the
 * learning rate) instead of returning NaN metrics.
 */
export async function trainWithSgd(
  variables: readonly tf.Variable[],
  schedule: ClassifierSchedule,
  batches: EpochBatches,
  onEpoch?: (record: EpochRecord) => void,
): Promise<EpochRecord[]> {
  const sgd = new Sgd(variables, schedule);
  const history: EpochRecord[] = [];
  try {
    for (let epoch = 0; epoch < schedule.epochs; epoch += 1) {
      const learningRate = scheduledLearningRate(schedule, epoch);
      // Summed on the device so that a step never waits for the loss to be read back.
      let lossSum = tf.scalar(0);
      let samples = 0;
      for await (const batch of batches(epoch)) {
        try {
          const next = tf.tidy(() => {
            const { value, grads } = tf.variableGrads(batch.loss, [...variables]);
            sgd.step(grads, learningRate);
            return tf.add<tf.Scalar>(lossSum, tf.mul(value, batch.size));
          });
          lossSum.dispose();
          lossSum = next;
          batch.afterStep?.();
          samples += batch.size;
        } finally {
          for (const tensor of batch.tensors) tensor.dispose();
        }
      }
      const loss = (await lossSum.data())[0]! / Math.max(samples, 1);
      lossSum.dispose();
      if (!Number.isFinite(loss)) {
        throw new Error(`training diverged at epoch ${epoch} (mean loss ${loss}); lower the learning rate`);
      }
      const record = { epoch, learningRate, loss };
      history.push(record);
      onEpoch?.(record);
    }
    return history;
  } finally {
    sgd.dispose();
  }
}
