import { DEFAULT_HALLUCINATION_OPTIONS, type HallucinationOptions } from '@halp/hallucinate';
import type { CentroidRuleName } from '@halp/prototypes';

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

export const DEFAULT_HALP_OPTIONS: HalpOptions = {
  ...DEFAULT_HALLUCINATION_OPTIONS,
  mu: 2,
  numPrototypes: 20,
  keysForPrototypes: 256,
  updateEvery: 10,
  warmupKeys: 0,
  centroid: 'frechet',
};

/** Fills in defaults and checks HaLP's own fields (the hallucination's are checked by `@halp/hallucinate`). */
export function resolveHalpOptions(options: Readonly<Record<string, unknown>>): HalpOptions {
  const settings = { ...DEFAULT_HALP_OPTIONS, ...options } as HalpOptions;
  const positiveInteger = (name: keyof HalpOptions): void => {
    const value = settings[name];
    if (!(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
      throw new RangeError(
        `halp option ${name}: expected a positive integer, found ${JSON.stringify(value)}`,
      );
    }
  };
  positiveInteger('numPrototypes');
  positiveInteger('keysForPrototypes');
  positiveInteger('updateEvery');
  if (!(Number.isInteger(settings.warmupKeys) && settings.warmupKeys >= 0)) {
    throw new RangeError(
      `halp option warmupKeys: expected a non-negative integer, found ${settings.warmupKeys}`,
    );
  }
  if (!(settings.mu >= 0 && Number.isFinite(settings.mu))) {
    throw new RangeError(`halp option mu: expected a non-negative number, found ${settings.mu}`);
  }
  if (settings.centroid !== 'frechet' && settings.centroid !== 'normalized-mean') {
    throw new RangeError(
      `halp option centroid: expected 'frechet' or 'normalized-mean', found ${String(settings.centroid)}`,
    );
  }
  return settings;
}
