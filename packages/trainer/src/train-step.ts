import '@halp/backend/register-gradients';
import { type ContrastiveStep, momentumUpdate } from '@halp/contrastive';
import {
  type BatchMoments,
  disposeBatchMoments,
  encode,
  foldBatchMoments,
  trainableVariables,
} from '@halp/encoders';
import { normalizeRows } from '@halp/hypersphere/tensor';
import { forkRandom, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { queryVariables, type TrainingState } from './training-state.js';

/** The loss terms of one step, by name, and their sum. */
export interface StepLosses {
  readonly terms: Readonly<Record<string, number>>;
  readonly total: number;
}

/** A loss term came out NaN or infinite: the step was not applied. */
export class NonFiniteLossError extends Error {
  override readonly name = 'NonFiniteLossError';
  constructor(
    readonly step: number,
    readonly term: string,
    readonly value: number,
  ) {
    super(`non-finite loss at step ${step}: term "${term}" is ${value}`);
  }
}

/** One batch of views: per stream, the query view and the key view in its encoder's input layout. */
export interface StepViews {
  readonly query: readonly tf.Tensor[];
  readonly key: readonly tf.Tensor[];
}

/**
 * One MoCo-style step (the references' order), for every stream of the run:
 * 1. momentum update θ_k ← m·θ_k + (1 − m)·θ_q, then keys z_k = normalize(f_k(x_k)) (no gradient);
 * 2. the method prepares what depends on keys only (HaLP: hallucinated positives);
 * 3. queries z_q = normalize(f_q(x_q)) and the method's loss terms under the gradient tape;
 * 4. if every term is finite: SGD update of every θ_q, the batch moments of both forward passes
 *    folded into the BatchNorm running statistics, enqueue the keys, the method's after-step work
 *    (HaLP: prototype refresh). Otherwise nothing is applied and a {@link NonFiniteLossError} names
 *    the term.
 *
 * The loss values are read back with `await data()`, never synchronously, so that the step runs on
 * every backend (WebGPU under Node has no synchronous read-back).
 */
export async function trainStep(
  state: TrainingState,
  views: StepViews,
  learningRate: number,
  random: Random,
): Promise<StepLosses> {
  const { config, streams, method } = state;
  for (const stream of streams) {
    momentumUpdate(
      trainableVariables(stream.keyEncoder),
      trainableVariables(stream.queryEncoder),
      config.keyMomentum,
    );
  }
  // Every training forward (keys and queries of every stream) appends its BatchNorms' batch moments
  // here; they are folded into the running statistics once the step is accepted (no second pass).
  const moments: BatchMoments[] = [];
  const keys = streams.map(
    (stream, i) =>
      tf.tidy(() =>
        normalizeRows(encode(stream.keyEncoder, views.key[i]!, { training: true, moments }).embedding),
      ) as tf.Tensor2D,
  );
  const context: ContrastiveStep = {
    step: state.step,
    streams: streams.map((stream, i) => ({ name: stream.name, keys: keys[i]!, queue: stream.queue })),
    random: forkRandom(random, 'method'),
  };
  const prepared = await method.prepare(context);
  let terms: Record<string, tf.Scalar> = {};
  try {
    const { value, grads } = tf.variableGrads(() => {
      const queries = streams.map(
        (stream, i) =>
          normalizeRows(
            encode(stream.queryEncoder, views.query[i]!, { training: true, moments }).embedding,
          ) as tf.Tensor2D,
      );
      terms = Object.fromEntries(
        Object.entries(method.lossTerms(queries, context, prepared)).map(([n, t]) => [n, tf.keep(t)]),
      );
      return tf.addN(Object.values(terms)) as tf.Scalar;
    }, queryVariables(streams));
    const values = Object.fromEntries(
      await Promise.all(
        Object.entries(terms).map(async ([name, term]) => [name, (await term.data())[0]!] as const),
      ),
    );
    const total = (await value.data())[0]!;
    value.dispose();
    for (const [name, termValue] of Object.entries(values)) {
      if (!Number.isFinite(termValue)) {
        tf.dispose(grads);
        throw new NonFiniteLossError(state.step, name, termValue);
      }
    }
    state.optimizer.step(grads, learningRate);
    tf.dispose(grads);
    foldBatchMoments(moments);
    for (const [i, stream] of streams.entries()) stream.queue.enqueue(keys[i]!);
    await method.afterStep(context);
    state.step += 1;
    return { terms: values, total };
  } catch (error) {
    disposeBatchMoments(moments); // a rejected step folds nothing
    throw error;
  } finally {
    tf.dispose(Object.values(terms));
    prepared.dispose();
    tf.dispose(keys);
  }
}
