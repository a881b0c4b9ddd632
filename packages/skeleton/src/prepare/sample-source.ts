import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { DataFileError } from '../io/errors.js';
import type { BodyTracks } from './body-tracks.js';

/** One sample of a benchmark part, before it is read. */
export interface SampleSource {
  /** Name stored in `<part>_label.pkl` (NTU: `S001C001P001R001A001.skeleton`, PKU: `A01N01-L.txt_0`). */
  readonly name: string;
  /** Action class, 0-based. */
  readonly label: number;
  /** Reads the sample's bodies; `frameCount` is the sample's `num_frame`. */
  readonly read: () => TaskEither<DataFileError, BodyTracks>;
}

/** Code-unit order of names: the same on every machine, unlike a directory listing. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
