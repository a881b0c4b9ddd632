import {
  BIGRU_SEQUENCE_GRAD_LAYOUT,
  BIGRU_SEQUENCE_LAYOUT,
  biGruSequence,
  biGruSequenceGrad,
} from '@halp/backend/fused-kernels';
import * as tf from '@tensorflow/tfjs-core';
import type { GruStepping } from './bigru-config.js';
import type { BiGruLayerWeights } from './bigru-layer.js';

/**
 * {@link biGruLayer} on a backend with halp's fused recurrent kernels (WebGPU): the same equations and
 * results with a few dispatches per frame fewer than a thousand. One matMul projects every frame of
 * both directions; one dispatch per frame runs h·U, the gates and the update of both directions
 * (`HalpBiGruSequence`); backpropagation through time is one dispatch per frame as well
 * (`HalpBiGruSequenceGrad`), and the weight gradients are a handful of whole-sequence matMuls:
 *   dW_i = Xᵀ·dP, db_i = Σ dP, dU = Σ_t h(t−1)ᵀ·dRec(t), db_h = Σ_t dRec(t).
 */
export function fusedBiGruLayer(
  sequence: tf.Tensor3D,
  weights: BiGruLayerWeights,
  stepping: GruStepping,
): tf.Tensor3D {
  const [frames, batch, inputSize] = sequence.shape;
  const hidden = weights.forward.recurrentKernel.shape[0]!;

  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [flatInput, inputKernel, inputBias, forwardKernel, forwardBias, backwardKernel, backwardBias] =
      args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
    const save = args[7] as tf.GradSaveFunc;
    const projections = tf.reshape<tf.Rank.R3>(
      tf.fused.matMul({ a: flatInput, b: inputKernel, bias: inputBias }),
      [frames, batch, 6 * hidden],
    );
    const memory = biGruSequence(
      projections,
      forwardKernel,
      forwardBias,
      backwardKernel,
      backwardBias,
      stepping,
    );
    save([flatInput, inputKernel, forwardKernel, backwardKernel, memory]);
    const value = tf.slice(
      memory,
      [0, 0, BIGRU_SEQUENCE_LAYOUT.hidden * hidden],
      [frames, batch, 2 * hidden],
    );

    const gradFunc = (outputGradient: tf.Tensor3D, saved: tf.Tensor[]): tf.Tensor[] => {
      const [savedInput, savedInputKernel, savedForwardKernel, savedBackwardKernel, savedMemory] = saved as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor3D,
      ];
      const gradients = biGruSequenceGrad(
        savedMemory,
        outputGradient,
        savedForwardKernel,
        savedBackwardKernel,
        stepping,
      );
      const projectionGradient = tf.reshape<tf.Rank.R2>(
        tf.slice(gradients, [0, 0, BIGRU_SEQUENCE_GRAD_LAYOUT.inputProjection], [frames, batch, 6 * hidden]),
        [frames * batch, 6 * hidden],
      );
      const forward = recurrentGradients(savedMemory, gradients, 0, false);
      const backward = recurrentGradients(savedMemory, gradients, 1, stepping === 'bidirectional');
      return [
        tf.matMul(projectionGradient, savedInputKernel, false, true),
        tf.matMul(savedInput, projectionGradient, true, false),
        tf.sum(projectionGradient, 0),
        forward.kernel,
        forward.bias,
        backward.kernel,
        backward.bias,
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

/**
 * dU = Σ_t h(t−1)ᵀ·dRec(t) and db_h = Σ_t dRec(t) of one direction, pairing each frame with the state
 * its step started from (the frame before in the direction's reading order; zero for the first).
 */
function recurrentGradients(
  memory: tf.Tensor3D,
  gradients: tf.Tensor3D,
  direction: 0 | 1,
  readsBackwards: boolean,
): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const [frames, batch] = memory.shape;
  const hidden = memory.shape[2] / BIGRU_SEQUENCE_LAYOUT.width;
  const rows = frames * batch;
  const layout = BIGRU_SEQUENCE_GRAD_LAYOUT;
  const recurrentGradient = tf.reshape<tf.Rank.R2>(
    tf.concat(
      [
        tf.slice(
          gradients,
          [0, 0, (layout.inputProjection + 3 * direction) * hidden],
          [frames, batch, 2 * hidden],
        ),
        tf.slice(
          gradients,
          [0, 0, (layout.recurrentCandidate + direction) * hidden],
          [frames, batch, hidden],
        ),
      ],
      2,
    ),
    [rows, 3 * hidden],
  );
  const states = tf.slice(
    memory,
    [0, 0, (BIGRU_SEQUENCE_LAYOUT.hidden + direction) * hidden],
    [frames, batch, hidden],
  );
  const previous =
    frames === 1
      ? tf.zerosLike(states)
      : readsBackwards
        ? tf.pad(tf.slice(states, [1, 0, 0], [frames - 1, batch, hidden]), [
            [0, 1],
            [0, 0],
            [0, 0],
          ])
        : tf.pad(tf.slice(states, [0, 0, 0], [frames - 1, batch, hidden]), [
            [1, 0],
            [0, 0],
            [0, 0],
          ]);
  return {
    kernel: tf.matMul(tf.reshape(previous, [rows, hidden]), recurrentGradient, true, false),
    bias: tf.sum(recurrentGradient, 0),
  };
}
