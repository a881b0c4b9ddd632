/** A part of a processed split: the training or the validation samples. */
export type Part = 'train' | 'val';
