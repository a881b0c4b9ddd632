/**
 * How the maximum interpolation t* is evaluated.
 *
 * - `'correct'`: the largest t ∈ [0, 1] that keeps sim(z(t), P*) ≥ sim(z(t), P_sel), i.e. the
 *   spec's closed form on the right branch of the arctangent (see {@link maxInterpolation}).
 * - `'reference-atan'`: the reference implementation's expression
 *   atan(sin Ω / (κ + cos Ω)) / Ω with its 1e-8 guards. It is negative whenever κ + cos Ω < 0,
 *   which moves the positive *away* from P_sel; kept only to compare with the reference.
 */
export type MaxInterpolationRule = 'correct' | 'reference-atan';

/**
 * How the interpolation t of one positive is drawn from its uniform draw u ~ U(0, λ):
 *
 * - `'reference'` (the reference code): t = (1 − u)·t*, so t ∈ ((1 − λ)·t*, t*]; a larger λ widens the
 *   window below t*, i.e. allows *easier* positives. λ = 1000 is the reference's switch for
 *   t = t* − 0.01 with no draw (clamped at 0 here).
 * - `'paper'` (the paper's equation): t = u·t*, i.e. t ~ U(0, λ·t*); a larger λ gives *harder*
 *   positives.
 */
export type InterpolationSampling = 'reference' | 'paper';

/** Settings of the hallucination step (docs/method.md §3). */
export interface HallucinationOptions {
  /** G: positives generated per anchor (`num_positives`). */
  readonly numPositives: number;
  /** Size of the candidate pool P_sel is drawn from (`num_closest_to_ignore_positives`). */
  readonly numClosest: number;
  /** How many of the anchor's closest prototypes are left out of the pool (`skip_closest_positives`). */
  readonly skipClosest: number;
  /** λ, the hardness control (`lambda_pos`); see {@link InterpolationSampling}. */
  readonly lambda: number;
  readonly sampling: InterpolationSampling;
  readonly maxInterpolationRule: MaxInterpolationRule;
}

/** The reference's value of λ that means "t = t* − 0.01, no random draw" (`'reference'` sampling only). */
export const FIXED_OFFSET_LAMBDA = 1000;

/** The offset below t* used when λ = {@link FIXED_OFFSET_LAMBDA}. */
export const FIXED_OFFSET = 0.01;

/** The reference's defaults (NTU-60 x-sub). */
export const DEFAULT_HALLUCINATION_OPTIONS: HallucinationOptions = {
  numPositives: 100,
  numClosest: 20,
  skipClosest: 1,
  lambda: 0.8,
  sampling: 'reference',
  maxInterpolationRule: 'correct',
};

/** True when λ selects the reference's fixed-offset mode instead of a random draw. */
export function usesFixedOffset(options: Pick<HallucinationOptions, 'lambda' | 'sampling'>): boolean {
  return options.sampling === 'reference' && options.lambda === FIXED_OFFSET_LAMBDA;
}

/**
 * Fills in the defaults and checks every field; throws a `RangeError` naming the field. λ must lie in
 * [0, 1] (or be exactly 1000 with `'reference'` sampling): beyond 1 the reference's draw makes t
 * negative and the paper's exceeds t*, both outside the method.
 */
export function resolveHallucinationOptions(
  options: Partial<HallucinationOptions> = {},
): HallucinationOptions {
  const resolved = { ...DEFAULT_HALLUCINATION_OPTIONS, ...options };
  requireInteger('numPositives', resolved.numPositives, 1);
  requireInteger('numClosest', resolved.numClosest, 1);
  requireInteger('skipClosest', resolved.skipClosest, 0);
  if (resolved.sampling !== 'reference' && resolved.sampling !== 'paper') {
    throw new RangeError(`sampling must be 'reference' or 'paper', got ${String(resolved.sampling)}`);
  }
  if (resolved.maxInterpolationRule !== 'correct' && resolved.maxInterpolationRule !== 'reference-atan') {
    throw new RangeError(
      `maxInterpolationRule must be 'correct' or 'reference-atan', got ${String(resolved.maxInterpolationRule)}`,
    );
  }
  const lambdaInRange = resolved.lambda >= 0 && resolved.lambda <= 1;
  if (!lambdaInRange && !usesFixedOffset(resolved)) {
    throw new RangeError(
      `lambda must be in [0, 1]${resolved.sampling === 'reference' ? ' or exactly 1000' : ''}, got ${resolved.lambda}`,
    );
  }
  return resolved;
}

function requireInteger(field: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${field} must be an integer ≥ ${minimum}, got ${value}`);
  }
}
