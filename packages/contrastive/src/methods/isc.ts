import { type ContrastPair, defineMethod } from './method.js';
import { choiceOption, joinedNamesOption } from './method-options.js';
import { pairwiseContrastMethod } from './pairwise-contrast.js';

/** The representations ISC can pair (each read by its own encoder family). */
export const ISC_REPRESENTATIONS: readonly string[] = ['sequence', 'graph', 'image'];

/** ISC's options. */
export interface IscOptions {
  /** The two representations joined by `+` (`sequence+graph`, `sequence+image`, `graph+image`). */
  readonly pair: string;
  /** `'inter'`: each query against the other representation's keys; `'intra'`: against its own. */
  readonly contrast: 'inter' | 'intra';
}

/**
 * ISC's inter-skeleton contrast (Skeleton-Contrast, docs/method.md §4): two representations a, b of the
 * same views, each with its own query/key encoders and queue; each query is contrasted with the
 * other representation's key and queue, both directions summed:
 *
 *   L_ISC = InfoNCE(q_a; k_b, queue_b) + InfoNCE(q_b; k_a, queue_a)
 *
 * Both representations are in the run's modality. With `contrast: 'intra'` it is intra-skeleton
 * contrast, MoCo on each representation alone (InfoNCE(q_a; k_a, queue_a) + InfoNCE(q_b; k_b,
 * queue_b)), the paper's baseline, trained side by side on the same views so that its checkpoint
 * can start an inter-skeleton run.
 */
export const iscMethod = defineMethod<IscOptions>({
  name: 'isc',
  description: 'ISC inter-skeleton contrast: each representation’s query against the other’s key and queue',
  options: {
    pair: joinedNamesOption(
      'sequence+graph',
      ISC_REPRESENTATIONS,
      'two',
      'representations',
      'the two representations, each with its own encoders and queue, in the run’s modality',
    ),
    contrast: choiceOption<IscOptions['contrast']>(
      'inter',
      ['inter', 'intra'],
      'inter: each query against the other representation’s key and queue; intra: against its own (the baseline)',
    ),
  },
  streams: (options, base) =>
    options.pair.split('+').map((representation) => ({ representation, modality: base.modality })),
  create: (context) => pairwiseContrastMethod('isc', iscPairs(context.options.contrast), context),
  // Both representations first learn alone (intra-skeleton MoCo, side by side on the same views):
  // from random encoders the cross-contrast barely moves within a small budget (README). The intra
  // baseline then continues, and ISC starts from the same checkpoint.
  benchmark: {
    warmupOptions: { contrast: 'intra' },
    rows: [
      { name: 'isc-intra', label: 'ISC intra (MoCo)', start: 'resume' },
      { name: 'isc', label: 'ISC', start: 'warm-start' },
    ],
  },
});

function iscPairs(contrast: IscOptions['contrast']): ContrastPair[] {
  return contrast === 'inter'
    ? [
        { query: 0, keys: 1 },
        { query: 1, keys: 0 },
      ]
    : [
        { query: 0, keys: 0 },
        { query: 1, keys: 1 },
      ];
}
