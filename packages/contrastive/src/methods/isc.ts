import type { MethodDefinition, StreamSpec } from './method.js';
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
 * Option `pair`: the two representations joined by `+` (`sequence+graph`, `sequence+image`,
 * `graph+image`); both use the run's modality. Intra-skeleton contrast (MoCo on one
 * representation) is the baseline.
 */
export const iscMethod: MethodDefinition = {
  name: 'isc',
  description: 'ISC inter-skeleton contrast: each representation’s query against the other’s key and queue',
  defaults: { pair: 'sequence+graph' },
  streams: (options, base) => iscStreams(options.pair, base),
  create: (context) =>
    pairwiseContrastMethod(
      'isc',
      [
        { query: 0, keys: 1 },
        { query: 1, keys: 0 },
      ],
      context,
    ),
};

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
