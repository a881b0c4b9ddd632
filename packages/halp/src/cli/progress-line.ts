import type { PretrainProgress } from '@halp/trainer';

/**
 * One line describing a run's progress: a bar over all steps, epoch and batch, the last loss, the
 * step time and the estimated time left (from the mean step time of the run so far).
 */
export function progressLine(
  progress: PretrainProgress,
  secondsSoFar: number,
  stepsSoFar: number,
  width = 24,
): string {
  const fraction = progress.totalSteps === 0 ? 1 : progress.step / progress.totalSteps;
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const remaining =
    stepsSoFar === 0 ? 0 : (secondsSoFar / stepsSoFar) * (progress.totalSteps - progress.step);
  return (
    `${bar} ${(fraction * 100).toFixed(1).padStart(5)}%  epoch ${progress.epoch + 1}/${progress.epochs}` +
    `  batch ${progress.batch}/${progress.batchesPerEpoch}  loss ${progress.loss.toFixed(4)}` +
    `  ${progress.secondsPerStep.toFixed(2)} s/step  ETA ${formatDuration(remaining)}`
  );
}

/** `1h02m`, `3m07s`, `42s`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}
