// The clips the page offers: a small slice of the built-in synthetic dataset, generated in the
// browser (every performance draws from its own fork of the seed, so these clips are the same as in
// the full dataset `halp pretrain` trains on), split by performer as the CLI's x-sub benchmark.
import {
  type Clip,
  generateSyntheticDataset,
  inMemoryDataset,
  kinect25,
  parseNtuSkeleton,
  preNormalize,
  type SkeletonDataset,
  type SyntheticDataset,
  selectMainBodies,
  subsetDataset,
  syntheticSplit,
  tracksToClip,
} from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';

/** Which synthetic clips the page generates: 4 of the 10 performers, one recording of each action. */
export const DEMO_SYNTHETIC = { seed: 0, performers: 4, replications: 1 } as const;

/** Frames of the centre crop fed to the bundled encoder (its pretraining value). */
export const BUNDLED_ENCODER_FRAMES = 32;

/** Labelled reference clips (x-sub training performers) and the clips a user picks from (held out). */
export interface DemoData {
  readonly labelled: SkeletonDataset;
  readonly heldOut: SkeletonDataset;
  readonly classNames: readonly string[];
}

export function demoData(): DemoData {
  const dataset: SyntheticDataset = generateSyntheticDataset(DEMO_SYNTHETIC);
  const split = syntheticSplit(dataset, 'xsub');
  const all = inMemoryDataset(dataset);
  return {
    labelled: subsetDataset(all, split.train),
    heldOut: subsetDataset(all, split.val),
    classNames: dataset.classNames,
  };
}

/**
 * An NTU `.skeleton` file as a one-clip dataset, preprocessed as `halp prepare` does: the two main
 * bodies, padded to 300 frames, pre-normalised. Its label is unknown (-1).
 */
export function skeletonFileDataset(text: string, file: string): E.Either<string, SkeletonDataset> {
  const parsed = parseNtuSkeleton(text, file);
  if (E.isLeft(parsed)) return E.left(parsed.left.message);
  const tracks = selectMainBodies(parsed.right);
  if (tracks.frameCount === 0) return E.left(`${file}: no frames`);
  return E.right(oneClipDataset(preNormalize(tracksToClip(tracks), kinect25), tracks.frameCount, file));
}

function oneClipDataset(clip: Clip, validFrames: number, name: string): SkeletonDataset {
  return { length: 1, clip: () => clip, validFrames: () => validFrames, label: () => -1, name: () => name };
}
