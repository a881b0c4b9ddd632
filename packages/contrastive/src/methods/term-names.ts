import type { StreamSpec } from './method.js';
import { streamName } from './method.js';

/**
 * Name of a loss term or metric that belongs to stream `index`: the bare `base` when the run has one
 * stream (`contrastive`, `halp`, as logged since the single-stream trainer), `base/<stream>` otherwise
 * (`contrastive/sequence-joint`).
 */
export function streamTermName(base: string, streams: readonly StreamSpec[], index: number): string {
  return streams.length === 1 ? base : `${base}/${streamName(streams[index]!)}`;
}
