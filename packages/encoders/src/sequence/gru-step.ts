import * as tf from '@tensorflow/tfjs-core';

/**
 * One time step of a GRU direction, with PyTorch's equations and gate order (r, z, n):
 *
 *   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 *
 * The input part `W_i· x + b_i·` arrives precomputed (`inputProjection`, [B, 3H]): the layer computes
 * it for every frame in one matMul. Weights are stored transposed (`h · U`, U: [H, 3H]).
 */
export interface GruStepMemory {
  /** The hidden state the step started from, [B, H]. */
  readonly previous: tf.Tensor2D;
  readonly reset: tf.Tensor2D;
  readonly update: tf.Tensor2D;
  readonly candidate: tf.Tensor2D;
  /** `W_hn h + b_hn`, the recurrent part of the candidate's pre-activation (r multiplies it). */
  readonly recurrentCandidate: tf.Tensor2D;
}

/** What a step keeps for its backward pass, and the new hidden state h'. */
export interface GruStepState extends GruStepMemory {
  readonly next: tf.Tensor2D;
}

/** The fields of {@link GruStepMemory}, in the order the layer saves them. */
export const GRU_STEP_MEMORY_FIELDS = [
  'previous',
  'reset',
  'update',
  'candidate',
  'recurrentCandidate',
] as const satisfies readonly (keyof GruStepMemory)[];

export function gruStepForward(
  inputProjection: tf.Tensor2D,
  previous: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  recurrentBias: tf.Tensor1D,
): GruStepState {
  const hidden = previous.shape[1];
  // One fused kernel for h·U + b_h (the bias add is free on the backends' matMul paths).
  const recurrentProjection = tf.fused.matMul({ a: previous, b: recurrentKernel, bias: recurrentBias });
  const [inputGates, inputCandidate] = tf.split(inputProjection, [2 * hidden, hidden], 1);
  const [recurrentGates, recurrentCandidate] = tf.split(recurrentProjection, [2 * hidden, hidden], 1);
  const [reset, update] = tf.split(tf.sigmoid(tf.add(inputGates!, recurrentGates!)), 2, 1) as [
    tf.Tensor2D,
    tf.Tensor2D,
  ];
  const candidate = tf.tanh(tf.add(inputCandidate!, tf.mul(reset, recurrentCandidate!)));
  // (1 − z) ⊙ n + z ⊙ h written as n + z ⊙ (h − n): one op fewer per step.
  const next = tf.add(candidate, tf.mul(update, tf.sub(previous, candidate)));
  return {
    previous,
    reset,
    update,
    candidate: candidate as tf.Tensor2D,
    recurrentCandidate: recurrentCandidate as tf.Tensor2D,
    next: next as tf.Tensor2D,
  };
}

/** Gradients of one step, given dL/dh' (everything that flows into the step's output). */
export interface GruStepGradients {
  /** dL/d(input projection), [B, 3H], gate order (r, z, n). */
  readonly inputProjection: tf.Tensor2D;
  /** dL/d(h·U + b_h), [B, 3H]: the same as above except the candidate part, which r scales. */
  readonly recurrentProjection: tf.Tensor2D;
}

/**
 * Backward of {@link gruStepForward}. With a_· the gate pre-activations:
 *
 *   dn = dh' ⊙ (1 − z)            da_n = dn ⊙ (1 − n²)
 *   dz = dh' ⊙ (h − n)            da_z = dz ⊙ z ⊙ (1 − z)
 *   dr = da_n ⊙ (W_hn h + b_hn)   da_r = dr ⊙ r ⊙ (1 − r)
 *
 * d(input projection) = [da_r, da_z, da_n]; d(recurrent projection) = [da_r, da_z, da_n ⊙ r].
 * dL/dh = dh' ⊙ z + d(recurrent projection) · Uᵀ is left to the caller, which skips it at the first
 * step (the initial state is a constant).
 */
export function gruStepBackward(state: GruStepMemory, nextGradient: tf.Tensor2D): GruStepGradients {
  const { previous, reset, update, candidate, recurrentCandidate } = state;
  const candidateGradient = tf.mul<tf.Tensor2D>(
    tf.mul(nextGradient, tf.sub(1, update)),
    tf.sub(1, tf.square(candidate)),
  );
  const updateGradient = tf.mul<tf.Tensor2D>(
    tf.mul(nextGradient, tf.sub(previous, candidate)),
    tf.mul(update, tf.sub(1, update)),
  );
  const resetGradient = tf.mul<tf.Tensor2D>(
    tf.mul(candidateGradient, recurrentCandidate),
    tf.mul(reset, tf.sub(1, reset)),
  );
  return {
    inputProjection: tf.concat([resetGradient, updateGradient, candidateGradient], 1),
    recurrentProjection: tf.concat(
      [resetGradient, updateGradient, tf.mul<tf.Tensor2D>(candidateGradient, reset)],
      1,
    ),
  };
}
