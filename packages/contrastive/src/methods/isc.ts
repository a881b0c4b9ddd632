import type { ContrastPair, MethodDefinition, StreamSpec } from './method.js';
import { pairwiseContrastMethod } from './pairwise-contrast.js';

/** The representations ISC can pair (each read by its own encoder family). */
export const ISC_REPRESENTATIONS: readonly string[] = ['sequence', 'graph', 'image'];

/**
 * ISC's inter-skeleton contrast (Skeleton-Contrast, method spec §4): two representations a, b of the
 * same views, each with its own query/key encoders and queue; each query is contrasted with the
 * other representation's key and queue, both directions summed:
 *
 *   L_ISC = InfoNCE(q_a; k_b, queue_b) + InfoNCE(q_b; k_a, queue_a)
 *
 * Options: `pair`, the two representations joined by `+` (`sequence+graph`, `sequence+image`,
 * `graph+image`), both in the run's modality; `contrast`, `'inter'` (the above, default) or
 * `'intra'`: intra-skeleton contrast, MoCo on each representation alone (InfoNCE(q_a; k_a, queue_a) +
 * InfoNCE(q_b; k_b, queue_b)), the paper's baseline, trained side by side on the same views so that
 * its checkpoint can start an inter-skeleton run.
 */
export const iscMethod: MethodDefinition = {
  name: 'isc',
  description: 'ISC inter-skeleton contrast: each representation’s query against the other’s key and queue',
  defaults: { pair: 'sequence+graph', contrast: 'inter' },
  streams: (options, base) => iscStreams(options.pair, base),
  create: (context) => pairwiseContrastMethod('isc', iscPairs(context.options.contrast), context),
};

function iscPairs(contrast: unknown): ContrastPair[] {
  if (contrast === undefined || contrast === 'inter') {
    return [
      { query: 0, keys: 1 },
      { query: 1, keys: 0 },
    ];
  }
  if (contrast === 'intra') {
    return [
      { query: 0, keys: 0 },
      { query: 1, keys: 1 },
    ];
  }
  throw new RangeError(`isc option contrast: expected "inter" or "intra", found ${JSON.stringify(contrast)}`);
}

function iscStreams(pair: unknown, base: StreamSpec): StreamSpec[] {
  const parts = typeof pair === 'string' ? pair.split('+') : [];
  if (
    parts.length !== 2 ||
    parts[0] === parts[1] ||
    !parts.every((part) => ISC_REPRESENTATIONS.includes(part))
  ) {
    throw new RangeError(
      `isc option pair: expected two different representations of ${ISC_REPRESENTATIONS.join(', ')} joined by "+", found ${JSON.stringify(pair)}`,
    );
  }
  return parts.map((representation) => ({ representation, modality: base.modality }));
}
