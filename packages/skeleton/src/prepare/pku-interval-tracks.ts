import * as E from 'fp-ts/lib/Either.js';
import { type DataFileError, dataFileError } from '../io/errors.js';
import type { PkuActionInstance } from '../raw/pku-labels.js';
import { PKU_BODIES, PKU_JOINTS, type PkuSkeleton } from '../raw/pku-skeleton.js';
import type { BodyTracks } from './body-tracks.js';

/**
 * The two bodies of one labelled interval: rows `[start, end)` of the skeleton file, columns 0–74
 * body 0 and 75–149 body 1 (no energy-based selection, as in the reference). An interval running
 * past the last frame is cut there, as Python slicing does in the reference; one that starts after
 * the last frame would be an empty sample and is an error.
 */
export function pkuIntervalTracks(
  skeleton: PkuSkeleton,
  instance: PkuActionInstance,
  labelFile: string,
): E.Either<DataFileError, BodyTracks> {
  const { start } = instance;
  const end = Math.min(instance.end, skeleton.frameCount);
  if (start >= end) {
    return E.left(
      dataFileError(
        'pku-label',
        labelFile,
        `interval [${instance.start}, ${instance.end})`,
        `a start before the last frame of ${skeleton.file} (${skeleton.frameCount} frames)`,
        `${start}`,
      ),
    );
  }
  const bodySize = PKU_JOINTS * 3;
  const tracks = Array.from({ length: PKU_BODIES }, (_, body) => {
    const track = new Float64Array((end - start) * bodySize);
    for (let frame = start; frame < end; frame++) {
      const row = (frame * PKU_BODIES + body) * bodySize;
      track.set(skeleton.values.subarray(row, row + bodySize), (frame - start) * bodySize);
    }
    return track;
  });
  return E.right({ frameCount: end - start, jointCount: PKU_JOINTS, tracks });
}
