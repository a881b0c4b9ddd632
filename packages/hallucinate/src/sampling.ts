import { type Matrix, matrixRow } from '@halp/hypersphere';
import { type Random, uniform, uniformInt } from '@halp/random';
import { FIXED_OFFSET, type HallucinationOptions, usesFixedOffset } from './options.js';
import { candidatePool, rankByDecreasingSimilarity } from './prototype-selection.js';

/**
 * The random choices behind B·G positives, positive b·G + g belonging to anchor b. Passing them
 * explicitly instead of a `Random` replays another implementation's draws.
 */
export interface HallucinationDraws {
  /** The prototype (row index) each positive is slerped towards, P_sel. */
  readonly selected: ArrayLike<number>;
  /**
   * The uniform draw u ~ U(0, λ) of each positive (see `InterpolationSampling`). May be omitted only
   * when no draw is needed (λ = 1000 with `'reference'` sampling).
   */
  readonly u?: ArrayLike<number>;
}

/**
 * Draws P_sel uniformly with replacement from each anchor's candidate pool and, unless λ = 1000
 * selects the fixed offset, u ~ U(0, λ); per positive in order: the prototype, then u.
 */
export function drawHallucinations(
  random: Random,
  similarities: Matrix,
  options: Pick<HallucinationOptions, 'numPositives' | 'numClosest' | 'skipClosest' | 'lambda' | 'sampling'>,
): Required<HallucinationDraws> {
  const count = similarities.rows * options.numPositives;
  const selected = new Int32Array(count);
  const u = new Float64Array(count);
  const drawsUniform = !usesFixedOffset(options);
  for (let b = 0; b < similarities.rows; b += 1) {
    const ranking = rankByDecreasingSimilarity(matrixRow(similarities, b));
    const pool = candidatePool(ranking, options.skipClosest, options.numClosest);
    for (let g = 0; g < options.numPositives; g += 1) {
      const i = b * options.numPositives + g;
      selected[i] = pool[uniformInt(random, pool.length)]!;
      if (drawsUniform) u[i] = uniform(random, 0, options.lambda);
    }
  }
  return { selected, u };
}

/**
 * Checks explicit draws for `count` positives over `prototypeCount` prototypes and fills in u where
 * the fixed offset needs none. Throws a `RangeError` naming the first bad entry: indices must be
 * integers in [0, prototypeCount), draws finite and in [0, 1] (so that t stays between 0 and t*).
 */
export function checkDraws(
  draws: HallucinationDraws,
  count: number,
  prototypeCount: number,
  options: Pick<HallucinationOptions, 'lambda' | 'sampling'>,
): Required<HallucinationDraws> {
  if (draws.selected.length !== count) {
    throw new RangeError(`draws.selected has ${draws.selected.length} entries, expected ${count}`);
  }
  for (let i = 0; i < count; i += 1) {
    const index = draws.selected[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= prototypeCount) {
      throw new RangeError(
        `draws.selected[${i}] = ${index} is not a prototype index in [0, ${prototypeCount})`,
      );
    }
  }
  if (draws.u === undefined) {
    if (!usesFixedOffset(options)) throw new RangeError('draws.u is required unless lambda = 1000');
    return { selected: draws.selected, u: new Float64Array(count) };
  }
  if (draws.u.length !== count) {
    throw new RangeError(`draws.u has ${draws.u.length} entries, expected ${count}`);
  }
  for (let i = 0; i < count; i += 1) {
    const value = draws.u[i]!;
    if (!(value >= 0 && value <= 1)) throw new RangeError(`draws.u[${i}] = ${value} is not in [0, 1]`);
  }
  return { selected: draws.selected, u: draws.u };
}

/**
 * The interpolation t of one positive from its draw u and its t*:
 * `'reference'`: t = (1 − u)·t*, or max(0, t* − 0.01) when λ = 1000 (the reference does not clamp;
 * clamping keeps the positive from moving away from P_sel when t* < 0.01); `'paper'`: t = u·t*.
 * With u ∈ [0, λ] ⊆ [0, 1], t lies between 0 and t*.
 */
export function interpolationFromDraw(
  u: number,
  tMax: number,
  options: Pick<HallucinationOptions, 'lambda' | 'sampling'>,
): number {
  if (usesFixedOffset(options)) return Math.max(0, tMax - FIXED_OFFSET);
  return options.sampling === 'reference' ? (1 - u) * tMax : u * tMax;
}

/** Distinguishes a `Random` source from explicit draws. */
export function isRandom(source: object): source is Random {
  return typeof (source as Partial<Random>).nextUint32 === 'function';
}
