import { type ConfigProblem, describeValue } from '../config-problems.js';
import type { HeadKind } from '../head.js';

/**
 * How the "backward" direction of each bidirectional layer walks through time.
 *
 * - `'bidirectional'`: a true bidirectional GRU. The backward direction reads frames T−1 … 0, so
 *   the output at frame t is [h_fwd(t), h_bwd(t)] with h_bwd(t) summarising frames t … T−1. At the
 *   last frame (what the encoder returns) h_bwd has seen only frame T−1.
 * - `'reference'`: what the reference implementations compute. They call PyTorch's
 *   `nn.GRU(bidirectional=True)` once per frame on a length-1 sequence and carry the hidden state
 *   between calls. On a length-1 sequence "reversed" is the identity, so the backward direction
 *   updates its carried state with frame t at call t: it runs forward in time with its own weights.
 *   Both directions are then causal and the encoder is a unidirectional GRU of width 2H whose
 *   weights are block-diagonal per direction (the next layer still sees [h_fwd(t), h_bwd(t)]).
 */
export type GruStepping = 'bidirectional' | 'reference';

/** Sizes and options of the BiGRU encoder (docs/method.md §6). */
export interface BiGruEncoderConfig {
  /** Optional tag: a config without `kind` is a BiGRU's (as in files written before other kinds). */
  readonly kind?: 'bigru';
  /** Channels per frame C (joints × 3 coordinates × bodies; 150 for Kinect-25 with 2 bodies). */
  readonly inputSize: number;
  /** Hidden units H per direction. */
  readonly hiddenSize: number;
  /** Stacked bidirectional layers L. */
  readonly numLayers: number;
  readonly head: HeadKind;
  /** Width E of the embedding the head produces. */
  readonly embeddingSize: number;
  readonly stepping: GruStepping;
  /** BatchNorm over the C input channels before the GRU (the references always use it). */
  readonly batchNorm: boolean;
}

/** The references' encoder: 150 channels, 3 layers of 1024 units, linear head to 128. */
export const REFERENCE_BIGRU_CONFIG: BiGruEncoderConfig = {
  inputSize: 150,
  hiddenSize: 1024,
  numLayers: 3,
  head: 'linear',
  embeddingSize: 128,
  stepping: 'bidirectional',
  batchNorm: true,
};

const POSITIVE_INTEGER_FIELDS = ['inputSize', 'hiddenSize', 'numLayers', 'embeddingSize'] as const;
const HEAD_KINDS: readonly HeadKind[] = ['linear', 'mlp'];
const STEPPINGS: readonly GruStepping[] = ['bidirectional', 'reference'];

/**
 * Checks a value read from outside (a config file, a saved model) field by field; returns the
 * problems, empty when the value is a valid {@link BiGruEncoderConfig}.
 */
export function biGruConfigProblems(value: unknown): ConfigProblem[] {
  if (typeof value !== 'object' || value === null) {
    return [{ field: '(config)', expected: 'an object', found: describeValue(value) }];
  }
  const record = value as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  for (const field of POSITIVE_INTEGER_FIELDS) {
    const found = record[field];
    if (!(typeof found === 'number' && Number.isInteger(found) && found > 0)) {
      problems.push({ field, expected: 'a positive integer', found: describeValue(found) });
    }
  }
  if (!HEAD_KINDS.includes(record.head as HeadKind)) {
    problems.push({
      field: 'head',
      expected: `one of ${HEAD_KINDS.join(', ')}`,
      found: describeValue(record.head),
    });
  }
  if (!STEPPINGS.includes(record.stepping as GruStepping)) {
    problems.push({
      field: 'stepping',
      expected: `one of ${STEPPINGS.join(', ')}`,
      found: describeValue(record.stepping),
    });
  }
  if (record.kind !== undefined && record.kind !== 'bigru') {
    problems.push({ field: 'kind', expected: '"bigru" or nothing', found: describeValue(record.kind) });
  }
  if (typeof record.batchNorm !== 'boolean') {
    problems.push({ field: 'batchNorm', expected: 'a boolean', found: describeValue(record.batchNorm) });
  }
  return problems;
}
