import type { Part } from '../dataset/part.js';
import type { NtuSampleId } from '../raw/ntu-sample-name.js';

/** Which NTU sample-name field decides the part of a sample. */
export type NtuSplitField = 'subject' | 'camera' | 'setup';

/** An NTU benchmark: a sample is in training when its `field` is one of `training`. */
export interface NtuSplit {
  readonly dataset: 'ntu';
  readonly name: string;
  readonly field: NtuSplitField;
  readonly training: readonly number[];
}

/**
 * A PKU-MMD benchmark: a recording is in training when it is listed on line 2 of `listFile`
 * (in the raw folder); every other recording is validation.
 */
export interface PkuSplit {
  readonly dataset: 'pku';
  readonly name: string;
  readonly listFile: string;
}

export type Split = NtuSplit | PkuSplit;

const NTU60_TRAINING_SUBJECTS = [1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38];

/** NTU-60 cross-subject: 20 training performers. */
export const ntu60XSub: NtuSplit = {
  dataset: 'ntu',
  name: 'ntu60-xsub',
  field: 'subject',
  training: NTU60_TRAINING_SUBJECTS,
};

/** NTU-60 cross-view: cameras 2 and 3 train, camera 1 validates. */
export const ntu60XView: NtuSplit = {
  dataset: 'ntu',
  name: 'ntu60-xview',
  field: 'camera',
  training: [2, 3],
};

/** NTU-120 cross-subject: the NTU-60 training performers plus 33 of the new ones. */
export const ntu120XSub: NtuSplit = {
  dataset: 'ntu',
  name: 'ntu120-xsub',
  field: 'subject',
  training: [
    ...NTU60_TRAINING_SUBJECTS,
    45,
    46,
    47,
    49,
    50,
    52,
    53,
    54,
    55,
    56,
    57,
    58,
    59,
    70,
    74,
    78,
    80,
    81,
    82,
    83,
    84,
    85,
    86,
    89,
    91,
    92,
    93,
    94,
    95,
    97,
    98,
    100,
    103,
  ],
};

/** NTU-120 cross-setup: even setup numbers 2 … 32 train. */
export const ntu120XSet: NtuSplit = {
  dataset: 'ntu',
  name: 'ntu120-xset',
  field: 'setup',
  training: Array.from({ length: 16 }, (_, i) => 2 * (i + 1)),
};

/** PKU-MMD phase II cross-subject. */
export const pkuXSub: PkuSplit = { dataset: 'pku', name: 'pku2-xsub', listFile: 'cross_subject_v2.txt' };

/** PKU-MMD phase II cross-view. */
export const pkuXView: PkuSplit = { dataset: 'pku', name: 'pku2-xview', listFile: 'cross_view_v2.txt' };

/** The part of an NTU sample under a split. */
export function ntuPart(split: NtuSplit, sample: NtuSampleId): Part {
  return split.training.includes(sample[split.field]) ? 'train' : 'val';
}
