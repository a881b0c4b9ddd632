import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BATCH_NORM_MOMENTUM,
  type BatchMoments,
  configProblems,
  disposeEncoder,
  encode,
  encoderInput,
  featureSize,
  foldBatchMoments,
  type GraphEncoder,
  type GraphEncoderConfig,
  initEncoder,
  REFERENCE_GRAPH_ENCODER_SIZES,
  updateRunningStatistics,
} from '../src/index.js';
import { openGraphConvolutions, TINY_COCO_CONFIG, TINY_KINECT_CONFIG } from './graph-fixtures.js';
import { normalTensor, relativeError, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

/** Runs `run` on a fresh encoder whose graph convolutions are open (see `openGraphConvolutions`). */
function withEncoder(config: GraphEncoderConfig, run: (encoder: GraphEncoder) => void): void {
  const encoder = initEncoder(config, createRandom(3));
  tf.tidy(() => openGraphConvolutions(encoder));
  try {
    tf.tidy(() => run(encoder));
  } finally {
    disposeEncoder(encoder);
  }
}

const grids = (config: GraphEncoderConfig, batch: number, frames: number, seed = 4) =>
  normalTensor<tf.Rank.R5>(createRandom(seed), [
    batch,
    config.bodies,
    frames,
    config.joints,
    config.inputChannels,
  ]);

describe('graph encoder shapes', () => {
  it.each([
    ['Kinect-25, 2 bodies, adaptive', TINY_KINECT_CONFIG],
    ['COCO-17, 1 body, fixed graph', TINY_COCO_CONFIG],
  ])('%s: features [B, F] and embedding [B, E], finite, in both modes', (_, config) => {
    expect(encoderInput(config)).toBe('grid');
    expect(featureSize(config)).toBe(8);
    withEncoder(config, (encoder) => {
      const x = grids(config, 3, 7);
      for (const training of [true, false]) {
        const { features, embedding } = encode(encoder, x, { training });
        expect(features.shape).toEqual([3, 8]);
        expect(embedding.shape).toEqual([3, config.embeddingSize]);
        expect([...embedding.dataSync()].every(Number.isFinite)).toBe(true);
      }
    });
  });

  it('builds the reference backbone with 256 features', () => {
    const config: GraphEncoderConfig = { ...TINY_KINECT_CONFIG, ...REFERENCE_GRAPH_ENCODER_SIZES };
    expect(featureSize(config)).toBe(256);
    expect(configProblems(config)).toEqual([]);
  });

  it('keeps degenerate clips finite (all zeros, one frame)', () => {
    withEncoder(TINY_KINECT_CONFIG, (encoder) => {
      for (const x of [tf.zeros([2, 2, 5, 25, 3]), grids(TINY_KINECT_CONFIG, 2, 1)]) {
        for (const training of [true, false]) {
          const { features, embedding } = encode(encoder, x, { training });
          expect([...features.dataSync(), ...embedding.dataSync()].every(Number.isFinite)).toBe(true);
        }
      }
    });
  });
});

describe('graph encoder semantics', () => {
  it('encodes every clip on its own at evaluation (no mixing across the batch)', () => {
    withEncoder(TINY_KINECT_CONFIG, (encoder) => {
      const x = grids(TINY_KINECT_CONFIG, 3, 6);
      const together = encode(encoder, x, { training: false }).embedding;
      for (let b = 0; b < 3; b += 1) {
        const alone = encode(encoder, tf.slice(x, [b, 0, 0, 0, 0], [1, -1, -1, -1, -1]), { training: false });
        expect(relativeError(alone.embedding, tf.slice(together, [b, 0], [1, -1]))).toBeLessThan(1e-5);
      }
    });
  });

  it('averages over bodies: swapping the two bodies leaves the features unchanged', () => {
    withEncoder(TINY_KINECT_CONFIG, (encoder) => {
      const x = grids(TINY_KINECT_CONFIG, 2, 6);
      const swapped = tf.reverse(x, 1);
      const features = encode(encoder, x, { training: false }).features;
      expect(relativeError(encode(encoder, swapped, { training: false }).features, features)).toBeLessThan(
        1e-5,
      );
    });
  });

  it('does not depend on how the joints are numbered', () => {
    // Relabel joint j as order[j]: edges, center and the grid's joint axis alike.
    const order = Array.from({ length: 25 }, (_, j) => (j * 7) % 25);
    const relabelled: GraphEncoderConfig = {
      ...TINY_KINECT_CONFIG,
      edges: TINY_KINECT_CONFIG.edges.map(([a, b]) => [order[a]!, order[b]!] as const),
      center: order[TINY_KINECT_CONFIG.center]!,
    };
    const x = grids(TINY_KINECT_CONFIG, 2, 6);
    const inverse = order.map((_, j) => order.indexOf(j));
    const relabelledX = tf.tidy(() => tf.gather(x, inverse, 3));
    const features = (config: GraphEncoderConfig, input: tf.Tensor) => {
      const encoder = initEncoder(config, createRandom(3));
      openGraphConvolutions(encoder);
      const result = encode(encoder, input, { training: true }).features;
      disposeEncoder(encoder);
      return result;
    };
    tf.tidy(() => {
      expect(relativeError(features(relabelled, relabelledX), features(TINY_KINECT_CONFIG, x))).toBeLessThan(
        1e-4,
      );
    });
    tf.dispose([x, relabelledX]);
  });

  it('uses the graph: a clip moving one joint differs from the same motion on another joint', () => {
    // At evaluation with fresh running statistics every joint is treated alike but for the graph, and
    // the features average over joints: without the graph, both clips would give the same features.
    // The left hand (7) has a parent and a child (the thumb branch), the right foot (15) a parent only.
    withEncoder({ ...TINY_KINECT_CONFIG, adaptive: false, bodies: 1 }, (encoder) => {
      const motion = normalTensor<tf.Rank.R1>(createRandom(5), [6 * 3]);
      const at = (joint: number) =>
        tf.tidy(() => {
          const mask = tf.reshape(tf.cast(tf.oneHot([joint], 25), 'float32'), [1, 1, 1, 25, 1]);
          return tf.mul(tf.reshape(motion, [1, 1, 6, 1, 3]), mask);
        });
      const hand = encode(encoder, tf.concat([at(7), at(7)]), { training: false }).features;
      const foot = encode(encoder, tf.concat([at(15), at(15)]), { training: false }).features;
      expect(relativeError(hand, foot)).toBeGreaterThan(1e-3);
    });
  });

  it('folds every BatchNorm: the input norm by the batch mean, the blocks by their activations', () => {
    withEncoder(TINY_KINECT_CONFIG, (encoder) => {
      const x = grids(TINY_KINECT_CONFIG, 3, 5);
      const before = encoder.variables
        .filter((v) => v.name.endsWith('runningMean'))
        .map((v) => v.variable.dataSync());
      updateRunningStatistics(encoder, x);
      // Channel (m, v, c) of the input norm averages x[b, m, t, v, c] over b and t.
      const values = x.arraySync();
      const expected = Array.from({ length: 2 * 25 * 3 }, (_, channel) => {
        const [m, v, c] = [Math.floor(channel / 75), Math.floor(channel / 3) % 25, channel % 3];
        const samples = values.flatMap((clip) => clip[m]!.map((frame) => frame[v]![c]!));
        return (BATCH_NORM_MOMENTUM * samples.reduce((sum, value) => sum + value, 0)) / samples.length;
      });
      const runningMean = encoder.inputNorm.runningMean.dataSync();
      for (const [i, value] of expected.entries()) expect(runningMean[i]).toBeCloseTo(value, 5);
      const after = encoder.variables
        .filter((v) => v.name.endsWith('runningMean'))
        .map((v) => v.variable.dataSync());
      for (const [i, mean] of after.entries()) expect(mean).not.toEqual(before[i]);
    });
  });
});

describe('graph encoder batch moments', () => {
  it('collected by the training forward and folded, equal a separate statistics pass', () => {
    const x = grids(TINY_KINECT_CONFIG, 3, 5);
    const separate = initEncoder(TINY_KINECT_CONFIG, createRandom(3));
    const collected = initEncoder(TINY_KINECT_CONFIG, createRandom(3));
    try {
      updateRunningStatistics(separate, x);
      const moments: BatchMoments[] = [];
      const tensorsBefore = tf.memory().numTensors;
      const plain = tf.tidy(() => encode(collected, x, { training: true }).embedding.dataSync());
      const withMoments = tf.tidy(() =>
        encode(collected, x, { training: true, moments }).embedding.dataSync(),
      );
      expect(withMoments).toEqual(plain);
      // Input norm, and every block's graph-conv, temporal and residual norms.
      expect(moments.length).toBe(separate.variables.filter((v) => v.name.endsWith('runningMean')).length);
      foldBatchMoments(moments);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      for (const [i, { name, variable }] of separate.variables.entries()) {
        if (!name.includes('running')) continue;
        expect(relativeError(collected.variables[i]!.variable, variable)).toBeLessThan(1e-6);
      }
    } finally {
      disposeEncoder(separate);
      disposeEncoder(collected);
      x.dispose();
    }
  });
});

describe('graph encoder input checks', () => {
  it.each([
    ['rank', [2, 2, 6, 75]],
    ['bodies', [2, 1, 6, 25, 3]],
    ['joints', [2, 2, 6, 17, 3]],
    ['channels', [2, 2, 6, 25, 2]],
    ['frames', [2, 2, 0, 25, 3]],
  ])('rejects grids with the wrong %s', (_, shape) => {
    withEncoder(TINY_KINECT_CONFIG, (encoder) => {
      const x = tf.zeros(shape);
      expect(() => encode(encoder, x, { training: false })).toThrow(
        /expected grids \[B ≥ 1, 2, T ≥ 1, 25, 3\]/,
      );
      expect(() => updateRunningStatistics(encoder, x)).toThrow(RangeError);
    });
  });
});
