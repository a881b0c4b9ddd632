import { fusedBiGruAvailable } from '@halp/backend';
import { probeWebgpuAdapter, selectBackend } from '@halp/backend/node';
import { createRandom, fillNormal } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  type BiGruEncoderConfig,
  biGruLayer,
  disposeEncoder,
  encode,
  type GruStepping,
  initEncoder,
  REFERENCE_BIGRU_CONFIG,
  trainableVariables,
} from '../src/index.js';
import '@halp/backend/register-gradients';

// Runs where Dawn finds an adapter: in CI, SwiftShader (software Vulkan, see .ci/run).
const adapter = await probeWebgpuAdapter();

interface LayerCase {
  readonly frames: number;
  readonly batch: number;
  readonly inputSize: number;
  readonly hidden: number;
}

/** The layer's inputs and an upstream gradient, as plain arrays (to build on either backend). */
function draw({ frames, batch, inputSize, hidden }: LayerCase, seed: number) {
  const random = createRandom(seed);
  const values = (size: number, scale: number) =>
    fillNormal(random, new Float32Array(size)).map((value) => value * scale);
  return {
    shapes: [
      [frames, batch, inputSize],
      [inputSize, 6 * hidden],
      [6 * hidden],
      [hidden, 3 * hidden],
      [3 * hidden],
      [hidden, 3 * hidden],
      [3 * hidden],
    ],
    inputs: [
      values(frames * batch * inputSize, 1),
      values(inputSize * 6 * hidden, 0.5),
      values(6 * hidden, 0.3),
      values(hidden * 3 * hidden, 0.5),
      values(3 * hidden, 0.3),
      values(hidden * 3 * hidden, 0.5),
      values(3 * hidden, 0.3),
    ],
    upstream: values(frames * batch * 2 * hidden, 1),
  };
}

/** The layer's output and the gradient of Σ output ⊙ upstream for all 7 inputs, on `backend`. */
async function outputsAndGradients(
  backend: 'wasm' | 'webgpu',
  layerCase: LayerCase,
  stepping: GruStepping,
  seed: number,
): Promise<Float32Array[]> {
  await selectBackend({ preference: backend });
  const { shapes, inputs, upstream } = draw(layerCase, seed);
  const tensors = inputs.map((values, i) => tf.tensor(values, shapes[i]));
  const layer = (...args: tf.Tensor[]) =>
    biGruLayer(
      args[0] as tf.Tensor3D,
      {
        inputKernel: args[1]!,
        inputBias: args[2]!,
        forward: { recurrentKernel: args[3]!, recurrentBias: args[4]! },
        backward: { recurrentKernel: args[5]!, recurrentBias: args[6]! },
      },
      stepping,
    );
  expect(fusedBiGruAvailable()).toBe(backend === 'webgpu');
  const dy = tf.tensor(upstream, [layerCase.frames, layerCase.batch, 2 * layerCase.hidden]);
  const output = layer(...tensors);
  const gradients = tf.grads(layer)(tensors, dy);
  const results = await Promise.all(
    [output, ...gradients].map(async (t) => (await t.data()) as Float32Array),
  );
  tf.dispose([...tensors, dy, output, ...gradients]);
  return results;
}

/** Largest |a − b| relative to the largest |expected|. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let difference = 0;
  let magnitude = 0;
  for (let i = 0; i < actual.length; i += 1) {
    difference = Math.max(difference, Math.abs(actual[i]! - expected[i]!));
    magnitude = Math.max(magnitude, Math.abs(expected[i]!));
  }
  return difference / Math.max(magnitude, 1e-6);
}

const GRADIENT_NAMES = ['x', 'W_i', 'b_i', 'U_fwd', 'b_h fwd', 'U_bwd', 'b_h bwd'];

describe.skipIf(!adapter.found)(
  `fused BiGRU kernels on WebGPU${adapter.found ? ` (${adapter.adapter.name})` : ` — skipped: ${adapter.reason}`}`,
  // SwiftShader runs each dispatch on the CPU: minutes on a busy machine.
  { timeout: 900_000 },
  () => {
    // Sizes off the 16 × 16 tiles (partial tiles, several tiles along H and B) and a single frame.
    const cases: [GruStepping, LayerCase][] = [
      ['bidirectional', { frames: 6, batch: 3, inputSize: 5, hidden: 7 }],
      ['reference', { frames: 6, batch: 3, inputSize: 5, hidden: 7 }],
      ['bidirectional', { frames: 3, batch: 18, inputSize: 4, hidden: 20 }],
      ['reference', { frames: 1, batch: 2, inputSize: 3, hidden: 4 }],
    ];
    it.each(cases)(
      'equal the WASM layer (%s, %o): output to 1e-5, gradients to 1e-4',
      async (stepping, layerCase) => {
        for (const seed of [1, 2]) {
          const [wasmOutput, ...wasmGradients] = await outputsAndGradients('wasm', layerCase, stepping, seed);
          const [webgpuOutput, ...webgpuGradients] = await outputsAndGradients(
            'webgpu',
            layerCase,
            stepping,
            seed,
          );
          expect(relativeError(webgpuOutput!, wasmOutput!)).toBeLessThanOrEqual(1e-5);
          for (const [i, gradient] of webgpuGradients.entries()) {
            expect(relativeError(gradient, wasmGradients[i]!), GRADIENT_NAMES[i]).toBeLessThanOrEqual(1e-4);
          }
        }
      },
    );

    it.each(['bidirectional', 'reference'] as const)(
      'train an encoder (%s) for 50 steps with the losses of WASM (to 1e-4 relative)',
      async (stepping) => {
        const wasm = await trainingLosses('wasm', stepping);
        const webgpu = await trainingLosses('webgpu', stepping);
        expect(webgpu).toHaveLength(50);
        for (const [step, loss] of webgpu.entries()) {
          expect(Math.abs(loss - wasm[step]!), `step ${step + 1}`).toBeLessThanOrEqual(
            1e-4 * Math.abs(wasm[step]!),
          );
        }
      },
    );
  },
);

/**
 * Losses of 50 SGD steps of a small 2-layer BiGRU encoder (BatchNorm, MLP head) regressing a fixed
 * target from fixed clips, on `backend`: the whole encoder's forward and backward, 50 times over.
 */
async function trainingLosses(backend: 'wasm' | 'webgpu', stepping: GruStepping): Promise<number[]> {
  await selectBackend({ preference: backend });
  const config: BiGruEncoderConfig = {
    ...REFERENCE_BIGRU_CONFIG,
    inputSize: 6,
    hiddenSize: 10,
    numLayers: 2,
    embeddingSize: 8,
    head: 'mlp',
    stepping,
  };
  const random = createRandom(3);
  const encoder = initEncoder(config, random);
  const normal = (shape: number[]) =>
    tf.tensor(fillNormal(random, new Float32Array(shape.reduce((a, b) => a * b, 1))), shape);
  const x = normal([4, 5, 6]) as tf.Tensor3D;
  const target = normal([4, 8]);
  const optimizer = tf.train.sgd(0.1);
  const losses: number[] = [];
  for (let step = 0; step < 50; step += 1) {
    const loss = optimizer.minimize(
      () => tf.mean(tf.square(tf.sub(encode(encoder, x, { training: true }).embedding, target))) as tf.Scalar,
      true,
      trainableVariables(encoder),
    )!;
    losses.push((await loss.data())[0]!);
    loss.dispose();
  }
  optimizer.dispose();
  tf.dispose([x, target]);
  disposeEncoder(encoder);
  return losses;
}
