import { type ConfigProblem, describeValue } from '../config-problems.js';
import type { HeadKind } from '../head.js';
import type { ImageEncoderConfig } from './image-encoder.js';

/** HCN halves the image four times (after conv3, conv4, conv5 and conv6). */
const POOLINGS = 4;
/** The smallest frame count and `pointFeatures` that survive the poolings: 2⁴. */
export const IMAGE_MINIMUM_SIDE = 2 ** POOLINGS;

const POSITIVE_INTEGER_FIELDS = [
  'inputChannels',
  'joints',
  'bodies',
  'pointChannels',
  'cooccurrenceChannels',
  'streamChannels',
  'fusionChannels',
  'outputChannels',
  'embeddingSize',
] as const;
/** Fields that become a side of the image and must survive the poolings. */
const SIDE_FIELDS = ['frames', 'pointFeatures'] as const;
const HEAD_KINDS: readonly HeadKind[] = ['linear', 'mlp'];

/**
 * Side of the last feature map for an image side n: four 2×2 max-poolings that drop an odd last
 * row or column (PyTorch's `MaxPool2d(2)`), ⌊⌊⌊⌊n/2⌋/2⌋/2⌋/2⌋ = ⌊n/16⌋.
 */
export function pooledSide(side: number): number {
  return Math.floor(side / IMAGE_MINIMUM_SIDE);
}

/**
 * Width F of the features: the last feature map, outputChannels × ⌊T/16⌋ × ⌊pointFeatures/16⌋
 * (4096 for Skeleton-Contrast's HCN on 64 frames).
 */
export function imageFeatureSize(config: ImageEncoderConfig): number {
  return config.outputChannels * pooledSide(config.frames) * pooledSide(config.pointFeatures);
}

/**
 * Checks a value read from outside (a config file, a saved model) field by field; returns the
 * problems, empty when the value is a valid {@link ImageEncoderConfig}.
 */
export function imageConfigProblems(value: unknown): ConfigProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: '(config)', expected: 'an object', found: describeValue(value) }];
  }
  const record = value as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  if (record.kind !== 'image') {
    problems.push({ field: 'kind', expected: '"image"', found: describeValue(record.kind) });
  }
  const isIntegerFrom = (found: unknown, minimum: number): boolean =>
    typeof found === 'number' && Number.isInteger(found) && found >= minimum;
  for (const field of POSITIVE_INTEGER_FIELDS) {
    if (!isIntegerFrom(record[field], 1)) {
      problems.push({ field, expected: 'a positive integer', found: describeValue(record[field]) });
    }
  }
  for (const field of SIDE_FIELDS) {
    if (!isIntegerFrom(record[field], IMAGE_MINIMUM_SIDE)) {
      problems.push({
        field,
        expected: `an integer ≥ ${IMAGE_MINIMUM_SIDE} (the image is halved ${POOLINGS} times)`,
        found: describeValue(record[field]),
      });
    }
  }
  if (!HEAD_KINDS.includes(record.head as HeadKind)) {
    problems.push({
      field: 'head',
      expected: `one of ${HEAD_KINDS.join(', ')}`,
      found: describeValue(record.head),
    });
  }
  return problems;
}
