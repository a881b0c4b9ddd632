import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  configProblems,
  disposeEncoder,
  type Encoder,
  encode,
  encoderArtifacts,
  encoderFromArtifacts,
  type GraphEncoderConfig,
  initEncoder,
  namedVariables,
  REFERENCE_GRAPH_ENCODER_SIZES,
  updateRunningStatistics,
} from '../src/index.js';
import { TINY_COCO_CONFIG, TINY_KINECT_CONFIG } from './graph-fixtures.js';
import { normalTensor, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

describe('graph encoder config', () => {
  it.each<[string, Partial<Record<keyof GraphEncoderConfig, unknown>>, string]>([
    ['a non-integer channel count', { inputChannels: 2.5 }, 'inputChannels'],
    ['no joints', { joints: 0 }, 'joints'],
    ['no bodies', { bodies: -1 }, 'bodies'],
    ['a missing embedding size', { embeddingSize: undefined }, 'embeddingSize'],
    ['a center outside the joints', { center: 25 }, 'center'],
    ['edges that are not an array', { edges: 'bones' }, 'edges'],
    ['an edge that is not a pair', { edges: [[0, 1, 2]] }, 'edges[0]'],
    [
      'an edge to a missing joint',
      {
        edges: [
          [0, 1],
          [3, 25],
        ],
      },
      'edges[1][1]',
    ],
    ['a self-loop', { edges: [[4, 4]] }, 'edges[0]'],
    ['no blocks', { blocks: [] }, 'blocks'],
    ['a block without channels', { blocks: [{ stride: 1 }] }, 'blocks[0].channels'],
    [
      'an adaptive block too narrow for its attention',
      { blocks: [{ channels: 3, stride: 1 }] },
      'blocks[0].channels',
    ],
    ['a zero stride', { blocks: [{ channels: 4, stride: 0 }] }, 'blocks[0].stride'],
    ['an even temporal kernel', { temporalKernel: 4 }, 'temporalKernel'],
    ['a non-boolean adaptive flag', { adaptive: 'yes' }, 'adaptive'],
    ['an unknown head', { head: 'deep' }, 'head'],
  ])('names the field of %s', (_, change, field) => {
    const problems = configProblems({ ...TINY_KINECT_CONFIG, ...change });
    expect(problems.map((problem) => problem.field)).toEqual([field]);
    expect(() =>
      initEncoder({ ...TINY_KINECT_CONFIG, ...change } as GraphEncoderConfig, createRandom(1)),
    ).toThrow(new RegExp(`Invalid graph encoder config: ${field.replace(/[[\].]/g, '\\$&')}:`));
  });

  it('accepts narrow blocks on a fixed graph and the valid test configs', () => {
    expect(configProblems({ ...TINY_COCO_CONFIG, blocks: [{ channels: 1, stride: 3 }] })).toEqual([]);
    expect(configProblems(TINY_KINECT_CONFIG)).toEqual([]);
  });
});

describe('graph encoder initialisation', () => {
  it("draws the reference's variances (kaiming fan-out, the partition kernels' 2 / (C_out·C_in·K))", () => {
    const config: GraphEncoderConfig = { ...TINY_KINECT_CONFIG, ...REFERENCE_GRAPH_ENCODER_SIZES };
    const encoder = initEncoder(config, createRandom(2));
    const values = (name: string) =>
      namedVariables(encoder)
        .find((entry) => entry.name === name)!
        .variable.dataSync() as Float32Array;
    const variance = (name: string) => {
      const draws = values(name);
      return draws.reduce((sum, value) => sum + value * value, 0) / draws.length;
    };
    // Block 4: 64 → 128 channels, so every kind of weight differs in its fans.
    const expected: [string, number][] = [
      ['blocks/4/temporalConv/kernel', 2 / (128 * 9)],
      ['blocks/4/graphConv/kernel', 2 / (128 * 64 * 3)],
      ['blocks/4/graphConv/receiving/kernel', 2 / 32],
      ['blocks/4/graphConv/down/kernel', 2 / 128],
      ['blocks/4/residual/kernel', 2 / 128],
    ];
    for (const [name, value] of expected) expect(variance(name) / value, name).toBeCloseTo(1, 1);
    expect(new Set(values('blocks/4/graphConv/norm/gamma'))).toEqual(new Set([Math.fround(1e-6)]));
    expect(new Set(values('blocks/4/graphConv/adjacencyOffset'))).toEqual(new Set([Math.fround(1e-6)]));
    expect(new Set(values('blocks/4/temporalConv/norm/gamma'))).toEqual(new Set([1]));
    disposeEncoder(encoder);
  });
});

describe('graph encoder save and load', () => {
  it.each([
    ['Kinect-25, adaptive', TINY_KINECT_CONFIG],
    ['COCO-17, fixed', TINY_COCO_CONFIG],
  ])('%s: artifacts round-trip to an encoder with the same variables and outputs', async (_, config) => {
    const original = initEncoder(config, createRandom(5));
    const x = normalTensor(createRandom(6), [2, config.bodies, 5, config.joints, 3]);
    updateRunningStatistics(original, x); // running statistics that differ from their initial values
    const loaded = encoderFromArtifacts(await encoderArtifacts(original), 'memory');
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const copy: Encoder = loaded.right;
    expect(copy.config).toEqual(config);
    const names = (encoder: Encoder) => namedVariables(encoder).map((entry) => [entry.name, entry.trainable]);
    expect(names(copy)).toEqual(names(original));
    tf.tidy(() => {
      for (const training of [true, false]) {
        expect(encode(copy, x, { training }).embedding.dataSync()).toEqual(
          encode(original, x, { training }).embedding.dataSync(),
        );
      }
    });
    tf.dispose(x);
    disposeEncoder(original);
    disposeEncoder(copy);
  });

  it('names the config field of a saved encoder whose edges leave the skeleton', async () => {
    const encoder = initEncoder(TINY_COCO_CONFIG, createRandom(5));
    const artifacts = await encoderArtifacts(encoder);
    disposeEncoder(encoder);
    const topology = artifacts.modelTopology as { config: GraphEncoderConfig };
    const broken = {
      ...artifacts,
      modelTopology: { ...topology, config: { ...topology.config, edges: [[0, 17]] } },
    };
    const result = encoderFromArtifacts(broken, 'memory');
    expect(E.isLeft(result) && result.left.field).toBe('modelTopology.config.edges[0][1]');
  });
});
