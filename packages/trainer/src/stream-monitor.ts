import { streamTermName } from '@halp/contrastive';
import type { Encoder } from '@halp/encoders';
import { knnMonitor } from '@halp/evaluation';
import type { Modality, SkeletonDataset, SkeletonLayout } from '@halp/skeleton';
import type { StreamState } from './training-state.js';

/**
 * The references' kNN monitor for every stream of a run (`knn1`, or `knn1/<stream>` with several
 * streams): each stream's query encoder on clips in its own modality. Features of a modality's
 * monitor are recomputed at every call; the monitors are built once per modality.
 */
export function streamsKnnMonitor(
  train: SkeletonDataset,
  heldOut: SkeletonDataset,
  options: {
    readonly layout: SkeletonLayout;
    readonly frames: number;
    readonly neighbours?: readonly number[];
  },
): (streams: readonly StreamState[]) => Promise<Record<string, number>> {
  const monitors = new Map<Modality, (encoder: Encoder) => Promise<Record<string, number>>>();
  const monitorFor = (modality: Modality) => {
    let monitor = monitors.get(modality);
    if (monitor === undefined) {
      monitor = knnMonitor(train, heldOut, { ...options, modality });
      monitors.set(modality, monitor);
    }
    return monitor;
  };
  return async (streams) => {
    const scores: Record<string, number> = {};
    for (const [index, stream] of streams.entries()) {
      for (const [name, value] of Object.entries(await monitorFor(stream.modality)(stream.queryEncoder))) {
        scores[streamTermName(name, streams, index)] = value;
      }
    }
    return scores;
  };
}
