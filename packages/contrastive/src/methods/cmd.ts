import * as tf from '@tensorflow/tfjs-core';
import { crossModalDistillationLoss } from '../cross-modal-distillation.js';
import { CMD_DEFAULT_OPTIONS } from '../cross-modal-distillation-options.js';
import { defineMethod } from './method.js';
import { integerOption, joinedNamesOption, numberOption, type OptionsSchema } from './method-options.js';
import { pairwiseContrastMethod } from './pairwise-contrast.js';

/** The modalities CMD can distil between. */
const CMD_MODALITIES: readonly string[] = ['joint', 'motion', 'bone'];

/** CMD's options [reference flags in brackets]. */
export interface CmdOptions {
  /** The streams' modalities joined by `+` (the paper: `joint+motion+bone`). */
  readonly modalities: string;
  /** Neighbours of the teacher's key in its queue that the student must rank alike [`--topk`]. */
  readonly topK: number;
  /** τ_t of the teacher's distribution. */
  readonly teacherTemperature: number;
  /** τ_s of the student's distribution. */
  readonly studentTemperature: number;
  /** w of L_CMD [`--cmd-weight`]. */
  readonly weight: number;
}

const CMD_OPTIONS: OptionsSchema<CmdOptions> = {
  modalities: joinedNamesOption(
    'joint+motion+bone',
    CMD_MODALITIES,
    'at least two',
    'modalities',
    'one stream per modality of the run’s representation',
  ),
  topK: integerOption(
    CMD_DEFAULT_OPTIONS.topK,
    1,
    'neighbours of the teacher’s key in its queue the student must rank alike [--topk]',
  ),
  teacherTemperature: numberOption(CMD_DEFAULT_OPTIONS.teacherTemperature, 'positive', 'τ_t of the teacher'),
  studentTemperature: numberOption(CMD_DEFAULT_OPTIONS.studentTemperature, 'positive', 'τ_s of the student'),
  weight: numberOption(1, 'non-negative', 'w, the weight of L_CMD [--cmd-weight]'),
};

/**
 * CMD, cross-modal mutual distillation (docs/method.md §5; Mao et al., ECCV 2022): one stream per
 * modality of the run's representation, each with its own MoCo InfoNCE, plus w·L_CMD, which
 * distils every stream's neighbourhood structure into every other (`crossModalDistillationLoss`):
 *
 *   L = Σ_s L_CL,s + w·Σ_{a≠b} KL( softmax_{N_a}(k_a·Q_a / τ_t) ‖ softmax_{N_a}(q_b·Q_b / τ_s) )
 *
 * with N_a the top-k slots of the teacher's key in its own queue. All queues are filled with the
 * keys of the same clips at the same time, so slot j means one clip in every queue.
 */
export const cmdMethod = defineMethod<CmdOptions>({
  name: 'cmd',
  description: 'CMD: per-modality MoCo plus mutual distillation of queue neighbourhoods between modalities',
  options: CMD_OPTIONS,
  streams: (options, base) =>
    options.modalities.split('+').map((modality) => ({ representation: base.representation, modality })),
  create(context) {
    const settings = context.options;
    const ownPairs = context.streams.map((_, i) => ({ query: i, keys: i }));
    return pairwiseContrastMethod('cmd', ownPairs, context, (queries, step) => ({
      distillation: tf.tidy(() =>
        tf.mul(
          crossModalDistillationLoss(
            step.streams.map((stream, i) => ({
              queries: queries[i]!,
              keys: stream.keys,
              queue: stream.queue.keys,
            })),
            settings,
          ),
          settings.weight,
        ),
      ) as tf.Scalar,
    }));
  },
  benchmark: { ensemble: true, rows: [{ name: 'cmd', label: 'CMD', start: 'resume' }] },
});
