import * as tf from '@tensorflow/tfjs-core';
import { type VariableInit, type VariableSpec, xavierBound } from './variable-spec.js';
import type { HeadVariables } from './variables.js';

/**
 * The projection head after the backbone's features F (2H for the BiGRU):
 * `'linear'` is Linear(F → E); `'mlp'` is Linear(F → F), ReLU, Linear(F → E) (the references' `--mlp`).
 */
export type HeadKind = 'linear' | 'mlp';

/** The projection head: features [B, F] → embedding [B, E] (linear, or Linear–ReLU–Linear). */
export function applyHead(head: HeadVariables, features: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    if (head.kind === 'linear') return tf.add(tf.matMul(features, head.kernel as tf.Tensor2D), head.bias);
    const hidden = tf.relu(tf.add(tf.matMul(features, head.hiddenKernel as tf.Tensor2D), head.hiddenBias));
    return tf.add(tf.matMul(hidden as tf.Tensor2D, head.outputKernel as tf.Tensor2D), head.outputBias);
  });
}

/**
 * The head's variables (named `head/…`) for F features and an E-wide embedding, initialised as the
 * references do: Xavier kernels, biases U(−1/√F, 1/√F). The MLP's hidden Linear(F → F) is attached
 * after the references' Xavier pass, so its kernel keeps PyTorch's default kaiming-uniform with
 * a = √5, which is U(−1/√F, 1/√F).
 */
export function headVariableSpecs(kind: HeadKind, features: number, embeddingSize: number): VariableSpec[] {
  const uniform = (bound: number): VariableInit => ({ kind: 'uniform', bound });
  const spec = (name: string, shape: number[], init: VariableInit): VariableSpec => ({
    name: `head/${name}`,
    shape,
    trainable: true,
    init,
  });
  const biasBound = 1 / Math.sqrt(features);
  if (kind === 'linear') {
    return [
      spec('kernel', [features, embeddingSize], uniform(xavierBound(features, embeddingSize))),
      spec('bias', [embeddingSize], uniform(biasBound)),
    ];
  }
  return [
    spec('hiddenKernel', [features, features], uniform(biasBound)),
    spec('hiddenBias', [features], uniform(biasBound)),
    spec('outputKernel', [features, embeddingSize], uniform(xavierBound(features, embeddingSize))),
    spec('outputBias', [embeddingSize], uniform(biasBound)),
  ];
}

/** The head's variables picked by name from an assembled encoder's table. */
export function assembleHead(kind: HeadKind, variable: (name: string) => tf.Variable): HeadVariables {
  return kind === 'linear'
    ? { kind: 'linear', kernel: variable('head/kernel'), bias: variable('head/bias') }
    : {
        kind: 'mlp',
        hiddenKernel: variable('head/hiddenKernel'),
        hiddenBias: variable('head/hiddenBias'),
        outputKernel: variable('head/outputKernel'),
        outputBias: variable('head/outputBias'),
      };
}
