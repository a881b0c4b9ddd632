import { stepLearningRate } from '@halp/optim';

/** SGD schedule of a classification protocol (the references' `action_classification.py` flags). */
export interface ClassifierSchedule {
  /** Passes over the training set (`--epochs`). */
  readonly epochs: number;
  /** Initial learning rate (`--lr`). */
  readonly learningRate: number;
  /** 0-based epochs at which the learning rate is multiplied by 0.1 (`--schedule`). */
  readonly milestones: readonly number[];
  readonly momentum: number;
  readonly weightDecay: number;
  readonly batchSize: number;
}

/**
 * The references' linear evaluation: 80 epochs, lr 30 dropped ×0.1 at epochs 50 and 70, SGD momentum
 * 0.9, no weight decay, batches of 256.
 */
export const LINEAR_EVALUATION_SCHEDULE: ClassifierSchedule = {
  epochs: 80,
  learningRate: 30,
  milestones: [50, 70],
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 256,
};

/**
 * The schedule fields of `overrides` (other fields are ignored) over `defaults`, each checked: a
 * RangeError naming the field otherwise.
 */
export function resolveSchedule(
  caller: string,
  defaults: ClassifierSchedule,
  overrides: Partial<ClassifierSchedule>,
): ClassifierSchedule {
  const schedule: ClassifierSchedule = {
    epochs: overrides.epochs ?? defaults.epochs,
    learningRate: overrides.learningRate ?? defaults.learningRate,
    milestones: overrides.milestones ?? defaults.milestones,
    momentum: overrides.momentum ?? defaults.momentum,
    weightDecay: overrides.weightDecay ?? defaults.weightDecay,
    batchSize: overrides.batchSize ?? defaults.batchSize,
  };
  const problem = (field: string, expected: string, found: unknown) =>
    new RangeError(`${caller}: ${field} must be ${expected}, got ${JSON.stringify(found)}`);
  if (!Number.isInteger(schedule.epochs) || schedule.epochs < 1) {
    throw problem('epochs', 'a positive integer', schedule.epochs);
  }
  if (!(Number.isFinite(schedule.learningRate) && schedule.learningRate > 0)) {
    throw problem('learningRate', 'a positive finite number', schedule.learningRate);
  }
  if (!schedule.milestones.every((m) => Number.isInteger(m) && m >= 0)) {
    throw problem('milestones', 'non-negative integer epochs', schedule.milestones);
  }
  if (!(schedule.momentum >= 0 && schedule.momentum < 1))
    throw problem('momentum', 'in [0, 1)', schedule.momentum);
  if (!(Number.isFinite(schedule.weightDecay) && schedule.weightDecay >= 0)) {
    throw problem('weightDecay', 'a non-negative finite number', schedule.weightDecay);
  }
  if (!Number.isInteger(schedule.batchSize) || schedule.batchSize < 1) {
    throw problem('batchSize', 'a positive integer', schedule.batchSize);
  }
  return schedule;
}

/**
 * The step schedule: lr(epoch) = base · 0.1^(number of milestones ≤ epoch) (the references'
 * `adjust_learning_rate`).
 */
export function scheduledLearningRate(schedule: ClassifierSchedule, epoch: number): number {
  return stepLearningRate(schedule.learningRate, epoch, schedule.milestones);
}
