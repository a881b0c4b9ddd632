import * as tf from '@tensorflow/tfjs-core';
import { crossModalDistillationLoss } from '../cross-modal-distillation.js';
import { CMD_DEFAULT_OPTIONS } from '../cross-modal-distillation-options.js';
import type { MethodDefinition, StreamSpec } from './method.js';
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

export const DEFAULT_CMD_OPTIONS: CmdOptions = {
  modalities: 'joint+motion+bone',
  topK: CMD_DEFAULT_OPTIONS.topK,
  teacherTemperature: CMD_DEFAULT_OPTIONS.teacherTemperature,
  studentTemperature: CMD_DEFAULT_OPTIONS.studentTemperature,
  weight: 1,
};

/**
 * CMD, cross-modal mutual distillation (method spec §5; Mao et al., ECCV 2022): one stream per
 * modality of the run's representation, each with its own MoCo InfoNCE, plus w·L_CMD, which
 * distils every stream's neighbourhood structure into every other (`crossModalDistillationLoss`):
 *
 *   L = Σ_s L_CL,s + w·Σ_{a≠b} KL( softmax_{N_a}(k_a·Q_a / τ_t) ‖ softmax_{N_a}(q_b·Q_b / τ_s) )
 *
 * with N_a the top-k slots of the teacher's key in its own queue. All queues are filled with the
 * keys of the same clips at the same time, so slot j means one clip in every queue.
 */
export const cmdMethod: MethodDefinition = {
  name: 'cmd',
  description: 'CMD: per-modality MoCo plus mutual distillation of queue neighbourhoods between modalities',
  defaults: { ...DEFAULT_CMD_OPTIONS },
  streams: (options, base) => cmdStreams(resolveCmdOptions(options).modalities, base),
  create(context) {
    const settings = resolveCmdOptions(context.options);
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
};

/** Fills in defaults and checks CMD's options (RangeError naming the option). */
export function resolveCmdOptions(options: Readonly<Record<string, unknown>>): CmdOptions {
  const settings = { ...DEFAULT_CMD_OPTIONS, ...options } as CmdOptions;
  const positive = (name: keyof CmdOptions, integer: boolean): void => {
    const value = settings[name];
    if (
      !(
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value > 0 &&
        (!integer || Number.isInteger(value))
      )
    ) {
      throw new RangeError(
        `cmd option ${name}: expected a positive ${integer ? 'integer' : 'number'}, found ${JSON.stringify(value)}`,
      );
    }
  };
  positive('topK', true);
  positive('teacherTemperature', false);
  positive('studentTemperature', false);
  if (!(typeof settings.weight === 'number' && Number.isFinite(settings.weight) && settings.weight >= 0)) {
    throw new RangeError(
      `cmd option weight: expected a non-negative number, found ${JSON.stringify(settings.weight)}`,
    );
  }
  return settings;
}

function cmdStreams(modalities: unknown, base: StreamSpec): StreamSpec[] {
  const parts = typeof modalities === 'string' ? modalities.split('+') : [];
  if (
    parts.length < 2 ||
    new Set(parts).size !== parts.length ||
    !parts.every((part) => CMD_MODALITIES.includes(part))
  ) {
    throw new RangeError(
      `cmd option modalities: expected at least two different modalities of ${CMD_MODALITIES.join(', ')} joined by "+", found ${JSON.stringify(modalities)}`,
    );
  }
  return parts.map((modality) => ({ representation: base.representation, modality }));
}
