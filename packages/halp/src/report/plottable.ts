/** Largest magnitude a chart draws; see `niceTicks`, whose ticks must stay finite beyond the data. */
const MAX_PLOTTABLE = 1e300;

/**
 * Whether a data value can be placed on an axis: finite and within ±1e300. Charts skip points with a
 * coordinate that is not, so `NaN` (a diverged loss, a missing epoch) never reaches the picture.
 */
export function isPlottable(value: number): boolean {
  return Math.abs(value) <= MAX_PLOTTABLE;
}
