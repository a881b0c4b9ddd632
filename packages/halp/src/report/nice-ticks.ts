/** Largest accepted |bound|: ticks one step beyond it must still be finite. */
const MAX_BOUND = 1e300;
/**
 * Smallest span given its own ticks: a step of a fraction of it stays a normal double (≥ 2.2e-308),
 * so tick arithmetic never runs into subnormal or zero steps.
 */
const MIN_SPAN = 1e-290;
/** More ticks than this would not be readable on any axis. */
const MAX_COUNT = 1000;

/**
 * Axis ticks at "nice" values (1, 2 or 5 × 10^k apart) that cover `[min, max]`: the first tick is
 * ≤ min and the last ≥ max, with about `count` ticks (at most 1.6·(count − 1) + 2).
 *
 * Degenerate ranges get a visible span: `min === max` (a constant series) is widened to v ± |v|/10,
 * or to ±1 around 0; a span too small for double precision at that magnitude (below |v|·1e-9, or
 * below 1e-290) is treated as constant. `min > max` is swapped. Throws a `RangeError` unless both
 * bounds are finite with |bound| ≤ 1e300 (so that the ticks one step beyond them are finite too), and
 * unless 1 ≤ count ≤ 1000.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(Math.abs(min) <= MAX_BOUND && Math.abs(max) <= MAX_BOUND)) {
    throw new RangeError(`niceTicks needs bounds in [-1e300, 1e300], got [${min}, ${max}]`);
  }
  if (!(count >= 1 && count <= MAX_COUNT))
    throw new RangeError(`niceTicks needs 1 ≤ count ≤ 1000, got ${count}`);
  const [low, high] = widenDegenerate(Math.min(min, max), Math.max(min, max));
  const step = niceStep((high - low) / Math.max(1, Math.round(count) - 1));
  // The divisions round, so the end indices are corrected until the ends really cover the range.
  let first = Math.floor(low / step);
  while (first * step > low) first -= 1;
  let last = Math.ceil(high / step);
  while (last * step < high) last += 1;
  const ticks: number[] = [];
  // Multiplying integers by the step (rather than accumulating) keeps every tick on the grid;
  // toPrecision trims representation noise such as 0.30000000000000004, except where trimming an
  // end tick would move it inside the range.
  for (let k = first; k <= last; k += 1) {
    const exact = k * step;
    const trimmed = Number(exact.toPrecision(12));
    const coversEnd = (k !== first || trimmed <= low) && (k !== last || trimmed >= high);
    ticks.push(coversEnd ? trimmed : exact);
  }
  return ticks;
}

/**
 * The label for a tick `value` on an axis whose ticks are `step` apart: just enough decimals to
 * tell neighbouring ticks apart, in exponent notation for very large or very small magnitudes.
 */
export function formatTick(value: number, step: number): string {
  const magnitude = Math.abs(value);
  const stepExponent = Math.floor(Math.log10(Math.abs(step)));
  if (value === 0) return '0';
  if (magnitude >= 1e6 || stepExponent < -4) {
    const digits = Math.floor(Math.log10(magnitude)) - stepExponent;
    return value.toExponential(Math.min(20, Math.max(0, digits)));
  }
  return value.toFixed(Math.min(20, Math.max(0, -stepExponent)));
}

function widenDegenerate(low: number, high: number): [number, number] {
  const magnitude = Math.max(Math.abs(low), Math.abs(high));
  if (high - low > Math.max(magnitude * 1e-9, MIN_SPAN)) return [low, high];
  const centre = low / 2 + high / 2;
  const half = centre === 0 ? 1 : Math.max(Math.abs(centre) / 10, MIN_SPAN);
  return [centre - half, centre + half];
}

/**
 * The 1, 2, 5 or 10 × 10^k nearest to `rough` (rough > 0) on a log scale: the thresholds are the
 * geometric means √2, √10, √50 of neighbouring choices, so the tick count stays close to the request.
 */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const mantissa = rough / power;
  const nice = mantissa < Math.SQRT2 ? 1 : mantissa < Math.sqrt(10) ? 2 : mantissa < Math.sqrt(50) ? 5 : 10;
  return nice * power;
}
