import type { EncoderKind } from '../encoder-kind.js';
import { encodeImage } from './encode-image.js';
import { imageConfigProblems, imageFeatureSize } from './image-config.js';
import type { ImageEncoder, ImageEncoderConfig } from './image-encoder.js';
import { assembleImageEncoder, imageVariableSpecs } from './image-layout.js';

/** The HCN image encoder of ISC / Skeleton-Contrast (docs/method.md §4); it has no BatchNorm. */
export const imageEncoderKind: EncoderKind<ImageEncoderConfig, ImageEncoder> = {
  kind: 'image',
  input: 'grid',
  configProblems: imageConfigProblems,
  variableSpecs: imageVariableSpecs,
  assemble: assembleImageEncoder,
  encode: encodeImage,
  featureSize: imageFeatureSize,
};
