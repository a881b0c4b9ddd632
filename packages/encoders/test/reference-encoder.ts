/**
 * A deliberately plain BiGRU encoder for the tests: one cell function applied frame by frame, tfjs
 * autodiff for gradients, no fused layouts beyond reading the encoder's variables. The `reference`
 * stepping is modelled literally on the reference code: a PyTorch-style `nn.GRU(bidirectional=True)`
 * is called once per frame on a length-1 sequence, carrying every layer's hidden state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BiGruEncoder, GruDirectionWeights } from '../src/index.js';

interface CellWeights {
  readonly inputKernel: tf.Tensor2D;
  readonly inputBias: tf.Tensor1D;
  readonly recurrent: GruDirectionWeights;
}

/** PyTorch's GRU cell, gates (r, z, n). */
function gruCell(x: tf.Tensor2D, h: tf.Tensor2D, weights: CellWeights): tf.Tensor2D {
  const hidden = h.shape[1];
  const gi = tf.add(tf.matMul(x, weights.inputKernel), weights.inputBias);
  const gh = tf.add(
    tf.matMul(h, weights.recurrent.recurrentKernel as tf.Tensor2D),
    weights.recurrent.recurrentBias,
  );
  const part = (t: tf.Tensor, gate: number) => tf.slice(t, [0, gate * hidden], [-1, hidden]);
  const r = tf.sigmoid(tf.add(part(gi, 0), part(gh, 0)));
  const z = tf.sigmoid(tf.add(part(gi, 1), part(gh, 1)));
  const n = tf.tanh(tf.add(part(gi, 2), tf.mul(r, part(gh, 2))));
  return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
}

function directionWeights(encoder: BiGruEncoder, layer: number, direction: 0 | 1): CellWeights {
  const weights = encoder.layers[layer]!;
  const hidden = encoder.config.hiddenSize;
  return {
    inputKernel: tf.slice(weights.inputKernel, [0, direction * 3 * hidden], [-1, 3 * hidden]) as tf.Tensor2D,
    inputBias: tf.slice(weights.inputBias, [direction * 3 * hidden], [3 * hidden]) as tf.Tensor1D,
    recurrent: direction === 0 ? weights.forward : weights.backward,
  };
}

/**
 * `nn.GRU(bidirectional=True)` over `frames` (each [B, I]) from the given hidden states
 * (`hidden[layer][direction]`); returns the top layer's output per frame and the final states.
 */
function torchBiGru(
  encoder: BiGruEncoder,
  frames: tf.Tensor2D[],
  hidden: tf.Tensor2D[][],
): { outputs: tf.Tensor2D[]; finalHidden: tf.Tensor2D[][] } {
  let inputs = frames;
  const finalHidden: tf.Tensor2D[][] = [];
  for (let layer = 0; layer < encoder.layers.length; layer += 1) {
    const forward: tf.Tensor2D[] = [];
    let h = hidden[layer]![0]!;
    for (let t = 0; t < inputs.length; t += 1) {
      h = gruCell(inputs[t]!, h, directionWeights(encoder, layer, 0));
      forward[t] = h;
    }
    const forwardFinal = h;
    const backward: tf.Tensor2D[] = [];
    h = hidden[layer]![1]!;
    for (let t = inputs.length - 1; t >= 0; t -= 1) {
      h = gruCell(inputs[t]!, h, directionWeights(encoder, layer, 1));
      backward[t] = h;
    }
    finalHidden.push([forwardFinal, h]);
    inputs = forward.map((f, t) => tf.concat([f, backward[t]!], 1) as tf.Tensor2D);
  }
  return { outputs: inputs, finalHidden };
}

export function referenceEncode(
  encoder: BiGruEncoder,
  x: tf.Tensor3D,
  training: boolean,
): { features: tf.Tensor2D; embedding: tf.Tensor2D } {
  const { config } = encoder;
  const [batch, frames] = x.shape;
  let normalized: tf.Tensor3D = x;
  const norm = encoder.inputNorm;
  if (norm !== null) {
    const count = batch * frames;
    const mean = training ? tf.div(tf.sum(x, [0, 1]), count) : norm.runningMean;
    const variance = training
      ? tf.div(tf.sum(tf.square(tf.sub(x, mean)), [0, 1]), count)
      : norm.runningVariance;
    normalized = tf.add(
      tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), norm.gamma),
      norm.beta,
    ) as tf.Tensor3D;
  }
  const frameList = tf.unstack(normalized, 1) as tf.Tensor2D[];
  const zeros = encoder.layers.map(() =>
    [0, 1].map(() => tf.zeros([batch, config.hiddenSize]) as tf.Tensor2D),
  );
  let last: tf.Tensor2D;
  if (config.stepping === 'bidirectional') {
    last = torchBiGru(encoder, frameList, zeros).outputs[frames - 1]!;
  } else {
    let hidden = zeros;
    let output: tf.Tensor2D | null = null;
    for (const frame of frameList) {
      const call = torchBiGru(encoder, [frame], hidden);
      output = call.outputs[0]!;
      hidden = call.finalHidden;
    }
    last = output!;
  }
  const head = encoder.head;
  const embedding =
    head.kind === 'linear'
      ? tf.add(tf.matMul(last, head.kernel as tf.Tensor2D), head.bias)
      : tf.add(
          tf.matMul(
            tf.relu(
              tf.add(tf.matMul(last, head.hiddenKernel as tf.Tensor2D), head.hiddenBias),
            ) as tf.Tensor2D,
            head.outputKernel as tf.Tensor2D,
          ),
          head.outputBias,
        );
  return { features: last, embedding: embedding as tf.Tensor2D };
}
