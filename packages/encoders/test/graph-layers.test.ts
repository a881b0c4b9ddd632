import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphConv } from '../src/graph/graph-conv.js';
import { applyBatchNorm } from '../src/graph/normalise.js';
import { temporalConv } from '../src/graph/temporal-conv.js';
import {
  BATCH_NORM_EPSILON,
  type GraphConvVariables,
  PARTITION_SUBSETS,
  spatialPartition,
} from '../src/index.js';
import { normalTensor, relativeError, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

const variables: tf.Variable[] = [];
afterAll(() => tf.dispose(variables));

/** A variable of standard normal values times `scale`. */
function normalVariable(seed: number, shape: number[], scale = 1): tf.Variable {
  const variable = tf.tidy(() => tf.variable(normalTensor(createRandom(seed), shape, scale)));
  variables.push(variable);
  return variable;
}

const array4 = (x: tf.Tensor) => x.arraySync() as number[][][][];
const array2 = (x: tf.Tensor) => x.arraySync() as number[][];

/** A temporal convolution's frames, half-width (kernel 2·half + 1), stride and input seed. */
const convolutionCase = fc.record({
  frames: fc.integer({ min: 1, max: 9 }),
  half: fc.integer({ min: 0, max: 3 }),
  stride: fc.integer({ min: 1, max: 3 }),
  seed: fc.nat(1000),
});

describe('temporalConv', () => {
  it('matches the zero-padded strided convolution written as loops', () => {
    fc.assert(
      fc.property(convolutionCase, ({ frames, half, stride, seed }) => {
        const span = 2 * half + 1;
        const [n, joints, input, output] = [2, 3, 2, 3];
        tf.tidy(() => {
          const x = normalTensor<tf.Rank.R4>(createRandom(seed), [n, frames, joints, input]);
          const kernel = normalTensor(createRandom(seed + 1), [span * input, output]);
          const bias = normalTensor(createRandom(seed + 2), [output]);
          const actual = temporalConv(x, { kernel, bias }, span, stride);
          const [xs, w, b] = [array4(x), array2(kernel), bias.arraySync() as number[]];
          const outputFrames = Math.floor((frames - 1) / stride) + 1;
          const expected = xs.map((clip) =>
            Array.from({ length: outputFrames }, (_, t) =>
              Array.from({ length: joints }, (_, v) =>
                Array.from({ length: output }, (_, o) => {
                  let sum = b[o]!;
                  for (let j = 0; j < span; j += 1) {
                    const source = stride * t + j - half;
                    if (source < 0 || source >= frames) continue;
                    for (let c = 0; c < input; c += 1) sum += clip[source]![v]![c]! * w[j * input + c]![o]!;
                  }
                  return sum;
                }),
              ),
            ),
          );
          expect(relativeError(actual, tf.tensor(expected))).toBeLessThan(1e-5);
        });
      }),
      { numRuns: 30 },
    );
  });
  it('has the gradients of the same convolution written with differentiable tfjs ops', () => {
    fc.assert(
      fc.property(convolutionCase, ({ frames, half, stride, seed }) => {
        const span = 2 * half + 1;
        const [n, joints, input, output] = [2, 3, 2, 3];
        tf.tidy(() => {
          const x = normalTensor<tf.Rank.R4>(createRandom(seed), [n, frames, joints, input]);
          const kernel = normalTensor<tf.Rank.R2>(createRandom(seed + 1), [span * input, output]);
          const bias = normalTensor(createRandom(seed + 2), [output]);
          const outputFrames = Math.floor((frames - 1) / stride) + 1;
          const weights = normalTensor(createRandom(seed + 3), [n, outputFrames, joints, output]);
          // y = b + Σ_j x_pad[s·t + j] · W_j with gather (whose gradient tfjs-core provides).
          const reference = (clips: tf.Tensor4D, w: tf.Tensor2D) => {
            const padded = tf.pad(clips, [
              [0, 0],
              [half, half],
              [0, 0],
              [0, 0],
            ]);
            let y: tf.Tensor = bias;
            for (let j = 0; j < span; j += 1) {
              const rows = Array.from({ length: outputFrames }, (_, t) => stride * t + j);
              const shifted = tf.reshape(tf.gather(padded, rows, 1), [-1, input]);
              const wj = tf.slice(w, [j * input, 0], [input, output]);
              y = tf.add(y, tf.reshape(tf.matMul(shifted, wj), [n, outputFrames, joints, output]));
            }
            return tf.sum(tf.mul(y, weights));
          };
          const ours = (clips: tf.Tensor4D, w: tf.Tensor2D) =>
            tf.sum(tf.mul(temporalConv(clips, { kernel: w, bias }, span, stride), weights));
          const expected = tf.grads(reference as (...t: tf.Tensor[]) => tf.Tensor)([x, kernel]);
          const actual = tf.grads(ours as (...t: tf.Tensor[]) => tf.Tensor)([x, kernel]);
          expect(relativeError(actual[0]!, expected[0]!)).toBeLessThan(1e-5);
          expect(relativeError(actual[1]!, expected[1]!)).toBeLessThan(1e-5);
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('graphConv', () => {
  // A 4-joint chain 0–1–2–3 centred on joint 1, one body, C_in = C_out (identity shortcut).
  const [n, frames, joints, channels, embedding] = [2, 3, 4, 4, 2];
  const k = PARTITION_SUBSETS;
  const partition = spatialPartition(
    joints,
    [
      [0, 1],
      [1, 2],
      [2, 3],
    ],
    1,
  );
  const norm = () => ({
    gamma: normalVariable(10, [channels]),
    beta: normalVariable(11, [channels]),
    runningMean: normalVariable(12, [channels]),
    runningVariance: tf.tidy(() => tf.variable(tf.exp(normalTensor(createRandom(13), [channels])))),
  });

  it('computes ReLU(BN(Σ_k (A_k + B_k + C_k) x W_k + b_k) + x) as loops do', () => {
    const conv: GraphConvVariables = {
      adaptive: {
        offset: normalVariable(1, [k, joints, joints], 0.3),
        receiving: {
          kernel: normalVariable(2, [channels, k * embedding]),
          bias: normalVariable(3, [k * embedding]),
        },
        sending: {
          kernel: normalVariable(4, [channels, k * embedding]),
          bias: normalVariable(5, [k * embedding]),
        },
      },
      conv: { kernel: normalVariable(6, [k * channels, channels]), bias: normalVariable(7, [k, channels]) },
      norm: norm(),
      down: null,
    };
    variables.push(conv.norm.runningVariance);
    tf.tidy(() => {
      const x = normalTensor<tf.Rank.R4>(createRandom(20), [n, frames, joints, channels]);
      const actual = graphConv(conv, x, tf.tensor3d(partition), applyBatchNorm(false));
      expect(relativeError(actual, tf.tensor(naiveGraphConv(conv, array4(x))))).toBeLessThan(1e-5);
    });
  });

  /** The adaptive graph convolution at evaluation, one sample, subset and joint at a time. */
  function naiveGraphConv(conv: GraphConvVariables, xs: number[][][][]): number[][][][] {
    const adaptive = conv.adaptive!;
    const offset = adaptive.offset.arraySync() as number[][][];
    const [wr, br] = [array2(adaptive.receiving.kernel), adaptive.receiving.bias.arraySync() as number[]];
    const [ws, bs] = [array2(adaptive.sending.kernel), adaptive.sending.bias.arraySync() as number[]];
    const [w, b] = [array2(conv.conv.kernel), array2(conv.conv.bias)];
    const [gamma, beta, mean, variance] = [
      conv.norm.gamma,
      conv.norm.beta,
      conv.norm.runningMean,
      conv.norm.runningVariance,
    ].map((v) => v.arraySync() as number[]);
    const embed = (
      clip: number[][][],
      t: number,
      v: number,
      kernel: number[][],
      bias: number[],
      subset: number,
    ) =>
      Array.from({ length: embedding }, (_, e) =>
        clip[t]![v]!.reduce(
          (sum, value, c) => sum + value * kernel[c]![subset * embedding + e]!,
          bias[subset * embedding + e]!,
        ),
      );
    return xs.map((clip) => {
      const adjacency = Array.from({ length: k }, (_, subset) =>
        Array.from({ length: joints }, (_, to) => {
          const scores = Array.from({ length: joints }, (_, from) => {
            let score = 0;
            for (let t = 0; t < frames; t += 1) {
              const theta = embed(clip, t, to, wr, br, subset);
              const phi = embed(clip, t, from, ws, bs, subset);
              score += theta.reduce((sum, value, e) => sum + value * phi[e]!, 0);
            }
            return score / (embedding * frames);
          });
          const top = Math.max(...scores);
          const total = scores.reduce((sum, score) => sum + Math.exp(score - top), 0);
          return scores.map(
            (score, from) =>
              Math.exp(score - top) / total + partition[subset]![to]![from]! + offset[subset]![to]![from]!,
          );
        }),
      );
      return clip.map((frame) =>
        frame.map((_, to) =>
          Array.from({ length: channels }, (_, o) => {
            let y = 0;
            for (let subset = 0; subset < k; subset += 1) {
              y += b[subset]![o]!;
              for (let from = 0; from < joints; from += 1) {
                for (let c = 0; c < channels; c += 1) {
                  y += adjacency[subset]![to]![from]! * frame[from]![c]! * w[subset * channels + c]![o]!;
                }
              }
            }
            const normalised =
              ((y - mean![o]!) / Math.sqrt(variance![o]! + BATCH_NORM_EPSILON)) * gamma![o]! + beta![o]!;
            return Math.max(0, normalised + frame[to]![o]!);
          }),
        ),
      );
    });
  }
});
