/**
 * The references' step schedule: lr = base · γ^(number of milestones ≤ epoch), γ = 0.1
 * (`adjust_learning_rate` with `--schedule`). Epochs are 0-based.
 */
export function stepLearningRate(
  baseLearningRate: number,
  epoch: number,
  milestones: readonly number[],
  gamma = 0.1,
): number {
  let rate = baseLearningRate;
  for (const milestone of milestones) if (epoch >= milestone) rate *= gamma;
  return rate;
}
