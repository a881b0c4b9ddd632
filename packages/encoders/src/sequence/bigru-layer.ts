import { fusedBiGruAvailable } from '@halp/backend/fused-kernels';
import * as tf from '@tensorflow/tfjs-core';
import type { GruStepping } from './bigru-config.js';
import { columnSums } from './column-sums.js';
import { fusedBiGruLayer } from './fused-bigru-layer.js';
import { GRU_STEP_MEMORY_FIELDS, type GruStepMemory, gruStepBackward, gruStepForward } from './gru-step.js';

/** Recurrent weights of one direction: `h · U + b_h`, U: [H, 3H], b_h: [3H], gate order (r, z, n). */
export interface GruDirectionWeights<T extends tf.Tensor = tf.Tensor> {
  readonly recurrentKernel: T;
  readonly recurrentBias: T;
}

/**
 * Weights of one bidirectional layer in the cuDNN layout: the input kernel of both directions side by
 * side, so that one matMul projects every frame for both directions.
 */
export interface BiGruLayerWeights<T extends tf.Tensor = tf.Tensor> {
  /** [I, 6H]: columns [forward r | z | n, backward r | z | n]. */
  readonly inputKernel: T;
  /** [6H], same column layout. */
  readonly inputBias: T;
  readonly forward: GruDirectionWeights<T>;
  readonly backward: GruDirectionWeights<T>;
}

/**
 * One bidirectional GRU layer over a time-major sequence [T, B, I] → [T, B, 2H], the output at frame
 * t being [h_fwd(t), h_bwd(t)], both directions starting from a zero state.
 *
 * Written for speed on CPU backends: one `X · [W_fwd | W_bwd]` matMul projects all frames of both
 * directions; the time loop does only `h · U` and the gate math. The whole layer is one
 * `tf.customGrad` with backpropagation through time written out (see {@link gruStepBackward}):
 * dL/dh accumulates backwards through the steps, `Uᵀ` is formed once, the recurrent-weight gradient
 * is a single [H, T·B] × [T·B, 3H] matMul and the input-kernel gradient a single [I, T·B] × [T·B, 6H]
 * one. Transposes are explicit so that every matMul runs untransposed.
 *
 * `stepping` sets the order in which the backward direction reads the frames (see `GruStepping`):
 * T−1 … 0 for `'bidirectional'`, 0 … T−1 for `'reference'`.
 *
 * On a backend with halp's fused recurrent kernels (WebGPU) the layer runs {@link fusedBiGruLayer}:
 * the same results in one dispatch per frame instead of dozens of small ones.
 */
export function biGruLayer(
  sequence: tf.Tensor3D,
  weights: BiGruLayerWeights,
  stepping: GruStepping,
): tf.Tensor3D {
  if (fusedBiGruAvailable()) return fusedBiGruLayer(sequence, weights, stepping);
  const [frames, batch, inputSize] = sequence.shape;
  const hidden = weights.forward.recurrentKernel.shape[0]!;
  const forwardOrder = ascending(frames);
  const backwardOrder = stepping === 'bidirectional' ? forwardOrder.slice().reverse() : forwardOrder;

  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [flatInput, inputKernel, inputBias, forwardKernel, forwardBias, backwardKernel, backwardBias] =
      args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
    const save = args[7] as tf.GradSaveFunc;

    const projections = tf.fused.matMul({ a: flatInput, b: inputKernel, bias: inputBias });
    const [forwardProjections, backwardProjections] = tf.split(projections, 2, 1) as tf.Tensor2D[];
    const forwardSteps = runDirection(
      framesOf(forwardProjections!, frames, batch),
      forwardOrder,
      forwardKernel,
      forwardBias,
    );
    const backwardSteps = runDirection(
      framesOf(backwardProjections!, frames, batch),
      backwardOrder,
      backwardKernel,
      backwardBias,
    );
    save([
      flatInput,
      inputKernel,
      forwardKernel,
      backwardKernel,
      ...flattenMemories(forwardSteps.memories),
      ...flattenMemories(backwardSteps.memories),
    ]);
    const value = tf.concat(
      [tf.stack(forwardSteps.outputs), tf.stack(backwardSteps.outputs)],
      2,
    ) as tf.Tensor3D;

    const gradFunc = (outputGradient: tf.Tensor3D, saved: tf.Tensor[]): tf.Tensor[] => {
      const [savedInput, savedInputKernel, savedForwardKernel, savedBackwardKernel] = saved as tf.Tensor2D[];
      const memoryCount = frames * GRU_STEP_MEMORY_FIELDS.length;
      const forwardMemories = unflattenMemories(saved.slice(4, 4 + memoryCount), frames);
      const backwardMemories = unflattenMemories(saved.slice(4 + memoryCount), frames);
      const [forwardOutputGradient, backwardOutputGradient] = tf.split(outputGradient, 2, 2);
      const forwardGradients = backpropagateDirection(
        forwardMemories,
        forwardOrder,
        tf.unstack(forwardOutputGradient!) as tf.Tensor2D[],
        savedForwardKernel!,
      );
      const backwardGradients = backpropagateDirection(
        backwardMemories,
        backwardOrder,
        tf.unstack(backwardOutputGradient!) as tf.Tensor2D[],
        savedBackwardKernel!,
      );
      const projectionGradient = tf.concat<tf.Tensor2D>(
        [
          tf.reshape(tf.stack(forwardGradients.inputProjections), [frames * batch, 3 * hidden]),
          tf.reshape(tf.stack(backwardGradients.inputProjections), [frames * batch, 3 * hidden]),
        ],
        1,
      );
      return [
        tf.matMul(projectionGradient, tf.transpose(savedInputKernel!)),
        tf.matMul(tf.transpose(savedInput!), projectionGradient),
        columnSums(projectionGradient),
        forwardGradients.recurrentKernel,
        forwardGradients.recurrentBias,
        backwardGradients.recurrentKernel,
        backwardGradients.recurrentBias,
      ];
    };
    return { value, gradFunc };
  });

  return layer(
    tf.reshape(sequence, [frames * batch, inputSize]),
    weights.inputKernel,
    weights.inputBias,
    weights.forward.recurrentKernel,
    weights.forward.recurrentBias,
    weights.backward.recurrentKernel,
    weights.backward.recurrentBias,
  );
}

interface DirectionRun {
  /** Hidden state at each frame, indexed by frame. */
  readonly outputs: tf.Tensor2D[];
  /** What each step keeps for the backward pass, in processing order. */
  readonly memories: GruStepMemory[];
}

function runDirection(
  projections: readonly tf.Tensor2D[],
  order: readonly number[],
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
): DirectionRun {
  const [batch] = projections[0]!.shape;
  const outputs: tf.Tensor2D[] = new Array(order.length);
  const memories: GruStepMemory[] = [];
  let state: tf.Tensor2D = tf.zeros([batch, kernel.shape[0]]);
  for (const frame of order) {
    const step = gruStepForward(projections[frame]!, state, kernel, bias);
    memories.push(step);
    outputs[frame] = step.next;
    state = step.next;
  }
  return { outputs, memories };
}

interface DirectionGradients {
  /** dL/d(input projection) at each frame, indexed by frame. */
  readonly inputProjections: tf.Tensor2D[];
  readonly recurrentKernel: tf.Tensor;
  readonly recurrentBias: tf.Tensor;
}

function backpropagateDirection(
  memories: readonly GruStepMemory[],
  order: readonly number[],
  outputGradients: readonly tf.Tensor2D[],
  kernel: tf.Tensor2D,
): DirectionGradients {
  const steps = order.length;
  const kernelTransposed = tf.transpose(kernel);
  const inputProjections: tf.Tensor2D[] = new Array(steps);
  const recurrentProjections: tf.Tensor2D[] = new Array(steps);
  // dL/dh flowing into step s from step s + 1 (null after the last step: nothing flows back yet).
  let carried: tf.Tensor2D | null = null;
  for (let step = steps - 1; step >= 0; step -= 1) {
    const frame = order[step]!;
    const memory = memories[step]!;
    const stateGradient: tf.Tensor2D =
      carried === null ? outputGradients[frame]! : tf.add(carried, outputGradients[frame]!);
    const gradients = gruStepBackward(memory, stateGradient);
    inputProjections[frame] = gradients.inputProjection;
    recurrentProjections[step] = gradients.recurrentProjection;
    // The initial state is a constant zero: no gradient is needed past the first step.
    carried =
      step > 0
        ? tf.add<tf.Tensor2D>(
            tf.mul(stateGradient, memory.update),
            tf.matMul(gradients.recurrentProjection, kernelTransposed),
          )
        : null;
  }
  const [batch, hidden] = memories[0]!.previous.shape;
  const previousStates = tf.reshape(tf.stack(memories.map((memory) => memory.previous)), [
    steps * batch,
    hidden,
  ]);
  const recurrentProjectionGradient = tf.reshape<tf.Rank.R2>(tf.stack(recurrentProjections), [
    steps * batch,
    3 * hidden,
  ]);
  return {
    inputProjections,
    recurrentKernel: tf.matMul(tf.transpose(previousStates), recurrentProjectionGradient),
    recurrentBias: columnSums(recurrentProjectionGradient),
  };
}

function framesOf(projections: tf.Tensor2D, frames: number, batch: number): tf.Tensor2D[] {
  return tf.unstack(tf.reshape(projections, [frames, batch, projections.shape[1]])) as tf.Tensor2D[];
}

function flattenMemories(memories: readonly GruStepMemory[]): tf.Tensor[] {
  return memories.flatMap((memory) => GRU_STEP_MEMORY_FIELDS.map((field) => memory[field]));
}

function unflattenMemories(tensors: readonly tf.Tensor[], steps: number): GruStepMemory[] {
  const width = GRU_STEP_MEMORY_FIELDS.length;
  return Array.from({ length: steps }, (_, step) => {
    const entries = GRU_STEP_MEMORY_FIELDS.map((field, i) => [field, tensors[step * width + i]]);
    return Object.fromEntries(entries) as GruStepMemory;
  });
}

function ascending(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}
