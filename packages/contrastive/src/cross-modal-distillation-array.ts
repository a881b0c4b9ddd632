import { dot, type Matrix, matrixRow } from '@halp/hypersphere';
import {
  type CrossModalDistillationOptions,
  type DistillationPlan,
  planDistillation,
} from './cross-modal-distillation-options.js';
import type { StreamEmbeddings } from './stream-embeddings.js';

/**
 * Float64 array form of {@link crossModalDistillationLoss} (same formula, options, clamping and tie
 * order), one row and one pair at a time: for tests and for checking other implementations.
 */
export function crossModalDistillationLossArray(
  streams: readonly StreamEmbeddings<Matrix>[],
  options: CrossModalDistillationOptions,
): number {
  const plan = planDistillation(
    streams.map(({ queries, keys, queue }) => ({
      queries: [queries.rows, queries.columns],
      keys: [keys.rows, keys.columns],
      queue: [queue.rows, queue.columns],
    })),
    options,
  );
  let total = 0;
  for (const { teacher, student } of plan.pairs)
    total += pairDivergence(streams[teacher]!, streams[student]!, plan);
  return total;
}

/** L_a→b = (1/B) Σ_n KL(p_n ‖ s_n) over the teacher's neighbourhood N_n. */
function pairDivergence(
  teacher: StreamEmbeddings<Matrix>,
  student: StreamEmbeddings<Matrix>,
  plan: DistillationPlan,
): number {
  let sum = 0;
  for (let n = 0; n < plan.batch; n += 1) {
    const key = matrixRow(teacher.keys, n);
    const query = matrixRow(student.queries, n);
    const similarities = Array.from({ length: plan.queueSize }, (_, j) =>
      dot(key, matrixRow(teacher.queue, j)),
    );
    const slots = largestSlots(similarities, plan.neighbours);
    const teacherLog = logSoftmax(slots.map((j) => similarities[j]! / plan.teacherTemperature));
    const studentLog = logSoftmax(
      slots.map((j) => dot(query, matrixRow(student.queue, j)) / plan.studentTemperature),
    );
    teacherLog.forEach((logP, i) => {
      sum += Math.exp(logP) * (logP - studentLog[i]!);
    });
  }
  return sum / plan.batch;
}

/** The `count` indices of the largest values; among equal values the lower index first (as tfjs's topk). */
function largestSlots(values: readonly number[], count: number): number[] {
  return values
    .map((_, j) => j)
    .sort((i, j) => values[j]! - values[i]! || i - j)
    .slice(0, count);
}

function logSoftmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  let sum = 0;
  for (const logit of logits) sum += Math.exp(logit - max);
  const logNormaliser = max + Math.log(sum);
  return logits.map((logit) => logit - logNormaliser);
}
