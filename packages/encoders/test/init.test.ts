import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BiGruEncoderConfig,
  configProblems,
  disposeEncoder,
  encoderVariableSpecs,
  initEncoder,
  namedVariables,
  REFERENCE_BIGRU_CONFIG,
  trainableVariables,
  xavierBound,
} from '../src/index.js';
import { useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

const configs = fc.record({
  inputSize: fc.integer({ min: 1, max: 6 }),
  hiddenSize: fc.integer({ min: 1, max: 5 }),
  numLayers: fc.integer({ min: 1, max: 3 }),
  head: fc.constantFrom('linear' as const, 'mlp' as const),
  embeddingSize: fc.integer({ min: 1, max: 4 }),
  stepping: fc.constantFrom('bidirectional' as const, 'reference' as const),
  batchNorm: fc.boolean(),
});

describe('initEncoder', () => {
  it('creates the variables of the layout, within their bounds, deterministically per seed', () => {
    fc.assert(
      fc.property(configs, fc.integer(), (config, seed) => {
        const first = initEncoder(config, createRandom(seed));
        const second = initEncoder(config, createRandom(seed));
        const specs = encoderVariableSpecs(config);
        const named = namedVariables(first);
        expect(named.map((entry) => [entry.name, entry.variable.shape, entry.trainable])).toEqual(
          specs.map((spec) => [spec.name, spec.shape, spec.trainable]),
        );
        named.forEach(({ variable }, i) => {
          const values = variable.dataSync();
          const init = specs[i]!.init;
          if (init.kind === 'constant') expect(values.every((v) => v === init.value)).toBe(true);
          else expect(values.every((v) => Math.abs(v) <= init.bound)).toBe(true);
          expect(values).toEqual(namedVariables(second)[i]!.variable.dataSync());
        });
        expect(trainableVariables(first)).toHaveLength(specs.filter((spec) => spec.trainable).length);
        disposeEncoder(first);
        disposeEncoder(second);
      }),
      { numRuns: 20 },
    );
  });

  it('draws different weights from different seeds and advances the generator', () => {
    const config: BiGruEncoderConfig = {
      ...REFERENCE_BIGRU_CONFIG,
      inputSize: 3,
      hiddenSize: 2,
      numLayers: 1,
    };
    const random = createRandom(1);
    const first = initEncoder(config, random);
    const second = initEncoder(config, random);
    expect(first.layers[0]!.inputKernel.dataSync()).not.toEqual(second.layers[0]!.inputKernel.dataSync());
    disposeEncoder(first);
    disposeEncoder(second);
  });

  it('draws Xavier-uniform kernels: variance a²/3 with a = √(6 / (fan_in + fan_out))', () => {
    const config: BiGruEncoderConfig = {
      ...REFERENCE_BIGRU_CONFIG,
      inputSize: 150,
      hiddenSize: 64,
      numLayers: 1,
    };
    const encoder = initEncoder(config, createRandom(3));
    const values = Array.from(encoder.layers[0]!.inputKernel.dataSync());
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
    const bound = xavierBound(150, 3 * 64);
    // 57 600 draws: the sample variance is within 2% of a²/3 with overwhelming probability.
    expect(Math.abs(variance / (bound ** 2 / 3) - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean)).toBeLessThan(0.01 * bound);
    disposeEncoder(encoder);
  });

  it('leaves no temporary tensors behind', () => {
    const before = tf.memory().numTensors;
    const encoder = initEncoder(
      { ...REFERENCE_BIGRU_CONFIG, hiddenSize: 4, numLayers: 2, head: 'mlp' },
      createRandom(2),
    );
    expect(tf.memory().numTensors).toBe(before + namedVariables(encoder).length);
    disposeEncoder(encoder);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects invalid configs, naming each bad field', () => {
    const bad = { ...REFERENCE_BIGRU_CONFIG, hiddenSize: 0, numLayers: 1.5, head: 'conv', batchNorm: 'yes' };
    expect(configProblems(bad).map((problem) => problem.field)).toEqual([
      'hiddenSize',
      'numLayers',
      'head',
      'batchNorm',
    ]);
    expect(() => initEncoder(bad as unknown as BiGruEncoderConfig, createRandom(1))).toThrow(/hiddenSize/);
    expect(configProblems(REFERENCE_BIGRU_CONFIG)).toEqual([]);
  });
});
