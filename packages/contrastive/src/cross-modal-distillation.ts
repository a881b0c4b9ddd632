import * as tf from '@tensorflow/tfjs-core';
import {
  type CrossModalDistillationOptions,
  type DistillationPlan,
  planDistillation,
  type Shape2D,
} from './cross-modal-distillation-options.js';
import type { StreamEmbeddings } from './stream-embeddings.js';

/**
 * CMD's cross-modal mutual distillation (Mao et al., ECCV 2022; docs/method.md §5), as in the reference
 * `moco/builder_cmd.py` (and HaLP's `builder_mm_cmd.py` / `builder_mm_halp.py`, which copy it).
 *
 * Each stream s (joint, motion, bone) has B × D unit queries q_s (query encoder, trained), B × D unit
 * keys k_s (momentum key encoder, no gradient) and a K × D queue Q_s. All streams enqueue their keys
 * of the same clips together, so slot j of every queue holds the same clip. For a directed pair
 * teacher a → student b and each row n of the batch:
 *
 *   N_n   = the topK slots j with the largest k_a,n·Q_a,j           (the teacher's own key and queue)
 *   p_n,j = softmax_{j∈N_n}( k_a,n·Q_a,j / τ_t )                   (teacher, τ_t = 0.05)
 *   s_n,j = softmax_{j∈N_n}( q_b,n·Q_b,j / τ_s )                   (student: query of b, queue of b)
 *   L_a→b = (1/B) Σ_n Σ_{j∈N_n} p_n,j (log p_n,j − log s_n,j)      (KL(p‖s), PyTorch's `batchmean`)
 *
 * and L_CMD = Σ_{a≠b} L_a→b over all ordered pairs (6 terms for 3 streams, unweighted). The reference
 * trains on L = Σ_s L_CL,s + w·L_CMD (w = `--cmd-weight`, 1) with no warm-up; the similarities are
 * taken before this batch's keys are enqueued. Only q_b receives gradient:
 *
 *   ∂L_a→b/∂q_b,n = (1/(B·τ_s)) Σ_{j∈N_n} (s_n,j − p_n,j) Q_b,j
 *
 * Keys and queues of every stream are constants, even when computed on the gradient tape: the whole
 * loss is one `tf.customGrad` whose gradient with respect to them is zero (tfjs has neither a
 * `stopGradient` nor a gradient for `topk`, so nothing of the teacher is recorded on the tape).
 *
 * `options.topK` above K is clamped to K (then the neighbourhood is the whole queue); among equal
 * similarities the lower slot is kept (tfjs's `topk` order). Temperatures must be finite and
 * positive (RangeError). Identical or zero rows give uniform distributions and a finite loss; a
 * teacher probability that underflows to 0 contributes 0, as `xlogy` does in PyTorch. See
 * {@link planDistillation} for the shape checks and {@link crossModalDistillationLossArray} for the
 * float64 form.
 */
export function crossModalDistillationLoss(
  streams: readonly StreamEmbeddings<tf.Tensor2D>[],
  options: CrossModalDistillationOptions,
): tf.Scalar {
  const plan = planDistillation(streams.map(tensorShapes), options);
  const count = streams.length;
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const queries = args.slice(0, count) as tf.Tensor2D[];
    const keys = args.slice(count, 2 * count) as tf.Tensor2D[];
    const queues = args.slice(2 * count, 3 * count) as tf.Tensor2D[];
    const save = args[3 * count] as tf.GradSaveFunc;
    const terms = distillationTerms(queries, keys, queues, plan);
    save([...queues, ...terms.flatMap((term) => [term.slots, term.residual])]);
    const value = terms.length === 0 ? tf.scalar(0) : tf.addN(terms.map((term) => term.divergence));

    const gradFunc = (dy: tf.Scalar, saved: tf.Tensor[]): tf.Tensor[] => {
      const savedQueues = saved.slice(0, count) as tf.Tensor2D[];
      const queryGradients = queries.map((query, student) => {
        const residuals = plan.pairs.flatMap((pair, i) =>
          pair.student === student
            ? [scatterResidual(saved[count + 2 * i]!, saved[count + 2 * i + 1]!, plan)]
            : [],
        );
        if (residuals.length === 0) return tf.zerosLike(query);
        const scale = tf.div(dy, plan.batch * plan.studentTemperature);
        return tf.mul(tf.matMul(tf.addN(residuals), savedQueues[student]!), scale);
      });
      return [
        ...queryGradients,
        ...keys.map((key) => tf.zerosLike(key)),
        ...queues.map((q) => tf.zerosLike(q)),
      ];
    };
    return { value: value as tf.Scalar, gradFunc };
  });
  return tf.tidy(() =>
    loss(...streams.map((s) => s.queries), ...streams.map((s) => s.keys), ...streams.map((s) => s.queue)),
  );
}

/** One directed term and what its gradient needs. */
interface DistillationTerm {
  readonly divergence: tf.Scalar;
  /** B·k int32 positions n·K + j of the neighbourhood slots in the flattened B × K similarities. */
  readonly slots: tf.Tensor1D;
  /** B × k residual s − p. */
  readonly residual: tf.Tensor2D;
}

/** The teacher's neighbourhood of each key: flattened slot positions and log-probabilities. */
interface TeacherNeighbourhood {
  readonly slots: tf.Tensor1D;
  readonly logProbabilities: tf.Tensor2D;
}

function distillationTerms(
  queries: readonly tf.Tensor2D[],
  keys: readonly tf.Tensor2D[],
  queues: readonly tf.Tensor2D[],
  plan: DistillationPlan,
): DistillationTerm[] {
  // Each teacher's top-k and each student's similarities are computed once, shared by its pairs.
  const neighbourhoods = new Map<number, TeacherNeighbourhood>();
  const studentSimilarities = new Map<number, tf.Tensor1D>();
  return plan.pairs.map(({ teacher, student }) => {
    let neighbourhood = neighbourhoods.get(teacher);
    if (neighbourhood === undefined) {
      neighbourhood = teacherNeighbourhood(keys[teacher]!, queues[teacher]!, plan);
      neighbourhoods.set(teacher, neighbourhood);
    }
    let similarities = studentSimilarities.get(student);
    if (similarities === undefined) {
      similarities = tf.reshape(tf.matMul(queries[student]!, queues[student]!, false, true), [-1]);
      studentSimilarities.set(student, similarities);
    }
    const selected = tf.reshape(tf.gather(similarities, neighbourhood.slots), [plan.batch, plan.neighbours]);
    const studentLog = tf.logSoftmax(tf.div(selected, plan.studentTemperature)) as tf.Tensor2D;
    const teacherLog = neighbourhood.logProbabilities;
    const teacherProbabilities = tf.exp(teacherLog);
    const divergence = tf.div(
      tf.sum(tf.mul(teacherProbabilities, tf.sub(teacherLog, studentLog))),
      plan.batch,
    ) as tf.Scalar;
    const residual = tf.sub(tf.exp(studentLog), teacherProbabilities) as tf.Tensor2D;
    return { divergence, slots: neighbourhood.slots, residual };
  });
}

function teacherNeighbourhood(
  keys: tf.Tensor2D,
  queue: tf.Tensor2D,
  plan: DistillationPlan,
): TeacherNeighbourhood {
  const similarities = tf.matMul(keys, queue, false, true);
  // The neighbourhood is a set: its order does not matter, so skip sorting it.
  const { values, indices } = tf.topk(similarities, plan.neighbours, false);
  const rowStarts = tf.mul(tf.range(0, plan.batch, 1, 'int32'), tf.scalar(plan.queueSize, 'int32'));
  const slots = tf.reshape(tf.add(indices, tf.expandDims(rowStarts, 1)), [-1]) as tf.Tensor1D;
  const logProbabilities = tf.logSoftmax(tf.div(values, plan.teacherTemperature)) as tf.Tensor2D;
  return { slots, logProbabilities };
}

/** The B × k residual placed at its slots of a dense B × K matrix (zero elsewhere). */
function scatterResidual(slots: tf.Tensor, residual: tf.Tensor, plan: DistillationPlan): tf.Tensor2D {
  const dense = tf.scatterND(tf.expandDims(slots, 1), tf.reshape(residual, [-1]), [
    plan.batch * plan.queueSize,
  ]);
  return tf.reshape(dense, [plan.batch, plan.queueSize]);
}

function tensorShapes(stream: StreamEmbeddings<tf.Tensor2D>): StreamEmbeddings<Shape2D> {
  const shape = (tensor: tf.Tensor2D): Shape2D => {
    if (tensor.rank !== 2)
      throw new RangeError(`crossModalDistillationLoss: expected 2-D tensors, got [${tensor.shape}]`);
    return [tensor.shape[0], tensor.shape[1]];
  };
  return { queries: shape(stream.queries), keys: shape(stream.keys), queue: shape(stream.queue) };
}
