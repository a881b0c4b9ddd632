import type { BenchPreset } from './presets.js';

/**
 * The rows a benchmark can compare: the paper's baseline and HaLP, ISC (with its intra-skeleton
 * baseline on the same two representations), CMD, and HaLP on each.
 */
export type BenchMethod = 'baseline' | 'halp' | 'isc-intra' | 'isc' | 'isc-halp' | 'cmd' | 'cmd-halp';

export const BENCH_METHODS: readonly BenchMethod[] = [
  'baseline',
  'halp',
  'isc-intra',
  'isc',
  'isc-halp',
  'cmd',
  'cmd-halp',
];

/**
 * A family of rows sharing a warm-up: the plain method pretrained for the preset's
 * `baselineEpochs`, then continued (`resume`) and, with HaLP, warm-started from the same checkpoint.
 */
export interface BenchFamily {
  /** The registered method of the warm-up run. */
  readonly warmup: string;
  /** Options of the warm-up run over the preset's (see {@link methodOptionsFor}). */
  readonly warmupOptions?: Readonly<Record<string, unknown>>;
  /** Whether the streams are also evaluated together (CMD's ensemble of modalities). */
  readonly ensemble: boolean;
  /**
   * The rows: `resume` continues the warm-up run itself (its method and options), `warm-start`
   * starts `method` from the warm-up's checkpoint.
   */
  readonly continuations: readonly {
    readonly row: BenchMethod;
    readonly method: string;
    readonly start: 'resume' | 'warm-start';
  }[];
}

const FAMILIES: readonly BenchFamily[] = [
  {
    warmup: 'moco',
    ensemble: false,
    continuations: [
      { row: 'baseline', method: 'moco', start: 'resume' },
      { row: 'halp', method: 'halp', start: 'warm-start' },
    ],
  },
  {
    // Both representations first learn alone (intra-skeleton MoCo, side by side on the same views):
    // from random encoders the cross-contrast barely moved within this schedule's budget (README).
    // Then the intra baseline continues, and ISC and ISC + HaLP start from the same checkpoint.
    warmup: 'isc',
    warmupOptions: { contrast: 'intra' },
    ensemble: false,
    continuations: [
      { row: 'isc-intra', method: 'isc', start: 'resume' },
      { row: 'isc', method: 'isc', start: 'warm-start' },
      { row: 'isc-halp', method: 'isc-halp', start: 'warm-start' },
    ],
  },
  {
    warmup: 'cmd',
    ensemble: true,
    continuations: [
      { row: 'cmd', method: 'cmd', start: 'resume' },
      { row: 'cmd-halp', method: 'cmd-halp', start: 'warm-start' },
    ],
  },
];

/** The families needed for `methods`, each with only the requested continuations. */
export function benchFamilies(methods: readonly BenchMethod[]): BenchFamily[] {
  return FAMILIES.map((family) => ({
    ...family,
    continuations: family.continuations.filter((continuation) => methods.includes(continuation.row)),
  })).filter((family) => family.continuations.length > 0);
}

/** `methodOptions` of a registered method in a preset: its family's options, plus HaLP's for `*halp`. */
export function methodOptionsFor(method: string, preset: BenchPreset): Record<string, unknown> {
  const withHalp = method === 'halp' || method.endsWith('-halp');
  const family = method === 'halp' ? 'moco' : method.replace(/-halp$/, '');
  return {
    ...(family === 'isc' ? preset.isc : family === 'cmd' ? preset.cmd : {}),
    ...(withHalp ? preset.halp : {}),
  };
}
