import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { convolve } from '../src/image/convolution.js';
import { motionInput } from '../src/image/motion.js';
import { normalTensor, relativeError, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

/**
 * PyTorch's 1-D linear interpolation with align_corners=False, written from its documented rule:
 * output i samples the source at s = (i + ½)·(n_in / n_out) − ½, clamped below at 0; it blends
 * source ⌊s⌋ and min(⌊s⌋ + 1, n_in − 1) with weight s − ⌊s⌋ on the latter.
 */
function resampleLinear(values: readonly number[], size: number): number[] {
  const scale = values.length / size;
  return Array.from({ length: size }, (_, i) => {
    const source = Math.max((i + 0.5) * scale - 0.5, 0);
    const low = Math.floor(source);
    const high = Math.min(low + 1, values.length - 1);
    const lambda = source - low;
    return (1 - lambda) * values[low]! + lambda * values[high]!;
  });
}

describe('motionInput', () => {
  it('is the frame differences resampled to T frames as HCN does (bilinear, align_corners=False)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer(), (frames, seed) => {
        tf.tidy(() => {
          const [batch, joints, channels] = [2, 3, 2];
          const x = normalTensor<tf.Rank.R4>(createRandom(seed), [batch, frames, joints, channels]);
          const values = x.arraySync();
          const expected = values.map((clip) => {
            const perSeries = (v: number, c: number) =>
              resampleLinear(
                clip.slice(1).map((frame, t) => frame[v]![c]! - clip[t]![v]![c]!),
                frames,
              );
            const series = clip[0]!.map((joint, v) => joint.map((_, c) => perSeries(v, c)));
            return Array.from({ length: frames }, (_, t) => series.map((joint) => joint.map((s) => s[t]!)));
          });
          expect(relativeError(motionInput(x), tf.tensor(expected))).toBeLessThan(1e-6);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('is zero for a clip that does not move', () => {
    tf.tidy(() => {
      const pose = normalTensor<tf.Rank.R4>(createRandom(1), [2, 1, 4, 3]);
      const still = tf.tile(pose, [1, 16, 1, 1]);
      expect(Array.from(motionInput(still).dataSync()).every((value) => value === 0)).toBe(true);
    });
  });

  it('is the constant velocity of a clip moving linearly in time, at every frame', () => {
    tf.tidy(() => {
      const velocity = normalTensor<tf.Rank.R4>(createRandom(2), [1, 1, 4, 3]);
      const start = normalTensor<tf.Rank.R4>(createRandom(3), [1, 1, 4, 3]);
      const times = tf.reshape(tf.range(0, 10), [1, 10, 1, 1]);
      const moving = tf.add(start, tf.mul(times, velocity)) as tf.Tensor4D;
      expect(relativeError(motionInput(moving), tf.tile(velocity, [1, 10, 1, 1]))).toBeLessThan(1e-5);
    });
  });
});

describe('convolve', () => {
  it('has the outputs and autodiff gradients of tf.conv2d ("same") plus the bias, for 1×1, 3×1, 3×3', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([1, 1], [3, 1], [3, 3]),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        ([kernelHeight, kernelWidth], height, width, inputs, outputs, seed) => {
          tf.tidy(() => {
            const random = createRandom(seed);
            const x = normalTensor<tf.Rank.R4>(random, [2, height, width, inputs]);
            const kernel = normalTensor<tf.Rank.R4>(random, [kernelHeight!, kernelWidth!, inputs, outputs]);
            const bias = normalTensor(random, [outputs]);
            const expected = tf.add(tf.conv2d(x, kernel as tf.Tensor4D, 1, 'same'), bias);
            expect(relativeError(convolve(x, { kernel, bias }), expected)).toBeLessThan(1e-5);
            // The written-out backward pass against tfjs' own (the cpu backend has every kernel).
            const weights = normalTensor(random, expected.shape);
            type Convolution = (input: tf.Tensor4D, k: tf.Tensor4D, b: tf.Tensor) => tf.Tensor;
            const gradients = (conv: Convolution) =>
              tf.grads((input: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
                tf.sum(tf.mul(conv(input as tf.Tensor4D, k as tf.Tensor4D, b), weights)),
              )([x, kernel, bias]);
            const ours = gradients((input, k, b) => convolve(input, { kernel: k, bias: b }));
            const theirs = gradients((input, k, b) => tf.add(tf.conv2d(input, k, 1, 'same'), b));
            ours.forEach((gradient, i) => {
              expect(relativeError(gradient, theirs[i]!)).toBeLessThan(1e-5);
            });
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});
