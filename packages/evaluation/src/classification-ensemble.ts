import type { Encoder } from '@halp/encoders';
import { datasetLabels, type Modality, type SkeletonDataset } from '@halp/skeleton';
import type { ScoredClassification } from './classify-dataset.js';
import { type EnsembleCombination, ensembleScores } from './ensemble-scores.js';
import {
  type ClassificationResult,
  type LinearEvaluationOptions,
  linearEvaluation,
} from './linear-evaluation.js';
import { classificationReport } from './metrics/classification-report.js';
import { type SemiSupervisedOptions, type SemiSupervisedResult, semiSupervised } from './semi-supervised.js';

/** One stream of a multi-stream model: an encoder and the modality it reads (CMD: joint, motion, bone). */
export interface EncoderStream {
  readonly encoder: Encoder;
  readonly modality: Modality;
}

/**
 * Options of an ensemble protocol: the single-stream options minus the modality, which each stream
 * names. `onEpoch` and `onProgress` are called for every stream in turn.
 */
export type EnsembleOptions<Options> = Omit<Options, 'modality'> & {
  /** How the streams' test scores are combined (default `'logits'`, as CMD; see `ensembleScores`). */
  readonly combination?: EnsembleCombination;
};

/** Every stream alone and the ensemble of all of them, on the same test split. */
export interface EnsembleResult<StreamResult> {
  /** Each stream's own result, in the order of the streams. */
  readonly streams: readonly StreamResult[];
  /** Metrics of the combined test scores, and those scores. */
  readonly ensemble: ScoredClassification;
}

/**
 * Multi-stream linear evaluation (CMD's joint, motion and bone streams): each stream is evaluated
 * by {@link linearEvaluation} with the same options (and the same `random`) and its own modality,
 * exactly as it would be alone; the ensemble scores every test clip with the combination of the
 * streams' scores (`ensembleScores`) and reports top-1, top-5, per-class accuracy and the confusion
 * matrix of those. Streams run one after the other, so only one stream's features are held at once.
 *
 * @throws RangeError when `streams` is empty (and whatever `linearEvaluation` throws).
 */
export function linearEvaluationEnsemble(
  streams: readonly EncoderStream[],
  train: SkeletonDataset,
  test: SkeletonDataset,
  options: EnsembleOptions<LinearEvaluationOptions>,
): Promise<EnsembleResult<ClassificationResult>> {
  return evaluateEnsemble('linearEvaluationEnsemble', streams, test, options.combination, (stream) =>
    linearEvaluation(stream.encoder, train, test, { ...options, modality: stream.modality }),
  );
}

/**
 * Multi-stream semi-supervised evaluation: each stream fine-tunes a copy of its encoder as
 * {@link semiSupervised} does with the same options. The same `random` means the same labelled
 * subset for every stream (the labels a multi-stream model would be given), which each stream
 * result reports in `labelled`.
 *
 * @throws RangeError when `streams` is empty (and whatever `semiSupervised` throws).
 */
export function semiSupervisedEnsemble(
  streams: readonly EncoderStream[],
  train: SkeletonDataset,
  test: SkeletonDataset,
  options: EnsembleOptions<SemiSupervisedOptions>,
): Promise<EnsembleResult<SemiSupervisedResult>> {
  return evaluateEnsemble('semiSupervisedEnsemble', streams, test, options.combination, (stream) =>
    semiSupervised(stream.encoder, train, test, { ...options, modality: stream.modality }),
  );
}

async function evaluateEnsemble<StreamResult extends ScoredClassification>(
  caller: string,
  streams: readonly EncoderStream[],
  test: SkeletonDataset,
  combination: EnsembleCombination | undefined,
  evaluate: (stream: EncoderStream) => Promise<StreamResult>,
): Promise<EnsembleResult<StreamResult>> {
  if (streams.length === 0) throw new RangeError(`${caller}: no streams`);
  const results: StreamResult[] = [];
  for (const stream of streams) results.push(await evaluate(stream));
  const scores = ensembleScores(
    results.map((result) => result.scores),
    combination,
  );
  return { streams: results, ensemble: { ...classificationReport(scores, datasetLabels(test)), scores } };
}
