import {
  DEFAULT_HALLUCINATION_OPTIONS,
  FIXED_OFFSET_LAMBDA,
  type HallucinationOptions,
  type InterpolationSampling,
  type MaxInterpolationRule,
  usesFixedOffset,
} from '@halp/hallucinate';
import type { CentroidRuleName } from '@halp/prototypes';
import {
  choiceOption,
  describeOption,
  integerOption,
  numberOption,
  type OptionIssue,
  type OptionsSchema,
} from './method-options.js';

/** HaLP's options beyond the hallucination itself (names of the reference's flags in brackets). */
export interface HalpOptions extends HallucinationOptions {
  /** μ, weight of L_HaLP in L_CL + μ·L_HaLP [`--mu`]. */
  readonly mu: number;
  /** C, number of prototypes [`--num_prototypes`]. */
  readonly numPrototypes: number;
  /** Newest queue keys clustered into prototypes [`--queue_els_for_prototypes`]. */
  readonly keysForPrototypes: number;
  /** Refresh the prototypes every this many steps [`--update_prototypes_every`]. */
  readonly updateEvery: number;
  /**
   * Keys that must have passed through the queue before positives are hallucinated; 0 means the
   * reference's 2K + 1 (its `total_sk_seen`, counted from the start of the HaLP run).
   */
  readonly warmupKeys: number;
  /** Centroid rule of the spherical k-means ('frechet' is the reference's Riemannian k-means). */
  readonly centroid: CentroidRuleName;
}

const hallucinationDefaults = DEFAULT_HALLUCINATION_OPTIONS;

/** HaLP's options as data (the reference's NTU-60 x-sub values as defaults). */
export const HALP_OPTIONS: OptionsSchema<HalpOptions> = {
  numPositives: integerOption(
    hallucinationDefaults.numPositives,
    1,
    'G, positives per key [--num_positives]',
  ),
  numClosest: integerOption(
    hallucinationDefaults.numClosest,
    1,
    'prototypes in the pool P_sel is drawn from [--num_closest_to_ignore_positives]',
  ),
  skipClosest: integerOption(
    hallucinationDefaults.skipClosest,
    0,
    'closest prototypes left out of the pool [--skip_closest_positives]',
  ),
  lambda: numberOption(
    hallucinationDefaults.lambda,
    'non-negative',
    `λ, hardness: in [0, 1], or ${FIXED_OFFSET_LAMBDA} for t = t* − 0.01 with reference sampling [--lambda_pos]`,
  ),
  sampling: choiceOption<InterpolationSampling>(
    hallucinationDefaults.sampling,
    ['reference', 'paper'],
    'reference: t = (1 − u)·t*; paper: t = u·t*, u ~ U(0, λ)',
  ),
  maxInterpolationRule: choiceOption<MaxInterpolationRule>(
    hallucinationDefaults.maxInterpolationRule,
    ['correct', 'reference-atan'],
    'correct: the closed form of t*; reference-atan: the reference’s expression (negative past 90°)',
  ),
  mu: numberOption(2, 'non-negative', 'μ, the weight of L_HaLP [--mu]'),
  numPrototypes: integerOption(20, 1, 'C, the number of prototypes [--num_prototypes]'),
  keysForPrototypes: integerOption(
    256,
    1,
    'newest queue keys clustered into prototypes [--queue_els_for_prototypes]',
  ),
  updateEvery: integerOption(
    10,
    1,
    'refresh the prototypes every this many steps [--update_prototypes_every]',
  ),
  warmupKeys: integerOption(
    0,
    0,
    'keys through the queue before positives are hallucinated; 0: the reference’s 2K + 1',
  ),
  centroid: choiceOption<CentroidRuleName>(
    'frechet',
    ['frechet', 'normalized-mean'],
    'centroid rule of the spherical k-means (frechet: the reference’s Riemannian k-means)',
  ),
};

/**
 * λ beyond 1 puts t outside [0, t*] (the reference's draw makes it negative, the paper's exceeds
 * t*), except the reference's fixed-offset switch.
 */
export function halpOptionRelations(options: HalpOptions): OptionIssue[] {
  if (options.lambda <= 1 || usesFixedOffset(options)) return [];
  return [
    {
      path: 'lambda',
      expected: `a number in [0, 1]${options.sampling === 'reference' ? ` or exactly ${FIXED_OFFSET_LAMBDA}` : ''}`,
      found: describeOption(options.lambda),
    },
  ];
}
