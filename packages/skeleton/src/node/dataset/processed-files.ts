import { join } from 'node:path';
import type { Part } from '../../dataset/part.js';

/** The three files of one part (`train` / `val`) of a processed split folder, as the references name them. */
export interface ProcessedFiles {
  readonly data: string;
  readonly validFrames: string;
  readonly labels: string;
}

export function processedFiles(folder: string, part: Part): ProcessedFiles {
  return {
    data: join(folder, `${part}_data_joint.npy`),
    validFrames: join(folder, `${part}_num_frame.npy`),
    labels: join(folder, `${part}_label.pkl`),
  };
}
