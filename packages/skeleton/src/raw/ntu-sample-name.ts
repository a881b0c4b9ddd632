import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { type DataFileError, dataFileError } from '../io/errors.js';

/** The fields encoded in an NTU RGB+D sample name `SsssCcccPpppRrrrAaaa` (all 1-based). */
export interface NtuSampleId {
  readonly setup: number;
  readonly camera: number;
  /** Performer. */
  readonly subject: number;
  readonly replication: number;
  readonly action: number;
}

const NTU_NAME = /^S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})(?:\.skeleton)?$/;

/** Parses `S001C002P003R002A013` (optionally with `.skeleton`); anything else is an error. */
export function parseNtuSampleName(name: string): Either<DataFileError, NtuSampleId> {
  const match = NTU_NAME.exec(name);
  if (match === null) {
    return left(
      dataFileError(
        'ntu-skeleton',
        name,
        'file name',
        'SsssCcccPpppRrrrAaaa[.skeleton]',
        JSON.stringify(name),
      ),
    );
  }
  const [setup, camera, subject, replication, action] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return right({ setup, camera, subject, replication, action });
}
