import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  configProblems,
  disposeEncoder,
  encoderVariableSpecs,
  type ImageEncoderConfig,
  imageEncoderKind,
  initEncoder,
  xavierBound,
} from '../src/index.js';
import { useCpuBackend } from './helpers.js';
import { TINY_IMAGE_CONFIG } from './image-helpers.js';

beforeAll(useCpuBackend);

const INTEGER_FIELDS = [
  'inputChannels',
  'joints',
  'frames',
  'bodies',
  'pointChannels',
  'pointFeatures',
  'cooccurrenceChannels',
  'streamChannels',
  'fusionChannels',
  'outputChannels',
  'embeddingSize',
] as const;

describe('image encoder config', () => {
  it('accepts the tiny config', () => {
    expect(configProblems(TINY_IMAGE_CONFIG)).toEqual([]);
  });

  it.each(INTEGER_FIELDS)('names %s when it is not a positive integer', (field) => {
    for (const bad of [0, -3, 2.5, '4', undefined]) {
      const problems = configProblems({ ...TINY_IMAGE_CONFIG, [field]: bad });
      expect(problems.map((problem) => problem.field)).toEqual([field]);
    }
  });

  it.each(['frames', 'pointFeatures'] as const)('names %s below 16, the side four poolings need', (field) => {
    const [problem] = configProblems({ ...TINY_IMAGE_CONFIG, [field]: 15 });
    expect(problem?.field).toBe(field);
    expect(problem?.expected).toMatch(/≥ 16/);
    expect(configProblems({ ...TINY_IMAGE_CONFIG, [field]: 16 })).toEqual([]);
  });

  it('names a wrong head, and every bad field at once', () => {
    const problems = configProblems({ ...TINY_IMAGE_CONFIG, head: 'conv', joints: 0, bodies: null });
    expect(problems.map((problem) => problem.field).sort()).toEqual(['bodies', 'head', 'joints']);
  });

  it('names a missing or wrong kind', () => {
    expect(imageEncoderKind.configProblems({ ...TINY_IMAGE_CONFIG, kind: undefined })[0]?.field).toBe('kind');
    expect(configProblems({ ...TINY_IMAGE_CONFIG, kind: 'images' })[0]?.field).toBe('kind');
  });

  it('refuses to build an encoder from an invalid config', () => {
    const config = { ...TINY_IMAGE_CONFIG, outputChannels: 0 };
    expect(() => initEncoder(config, createRandom(1))).toThrow(/outputChannels/);
  });
});

describe('image encoder variables', () => {
  it('initialises as the reference: Xavier kernels over C·kh·kw fans, zero conv and fc biases', () => {
    const config: ImageEncoderConfig = { ...TINY_IMAGE_CONFIG, head: 'linear' };
    const specs = encoderVariableSpecs(config);
    const conv3 = specs.find((spec) => spec.name === 'position/conv3/kernel')!;
    // conv3: joints (5) in, 3 out, 3×3.
    expect(conv3.shape).toEqual([3, 3, 5, 3]);
    expect(conv3.init).toEqual({ kind: 'uniform', bound: xavierBound(5 * 9, 3 * 9) });
    for (const spec of specs.filter((s) => s.name.endsWith('bias'))) {
      expect(spec.init, spec.name).toEqual({ kind: 'constant', value: 0 });
    }
    expect(specs.every((spec) => spec.trainable)).toBe(true);
  });

  it('draws every value within its bound, deterministically per seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const first = initEncoder(TINY_IMAGE_CONFIG, createRandom(seed));
        const second = initEncoder(TINY_IMAGE_CONFIG, createRandom(seed));
        const specs = encoderVariableSpecs(TINY_IMAGE_CONFIG);
        first.variables.forEach(({ name, variable }, i) => {
          const spec = specs[i]!;
          expect(name).toBe(spec.name);
          expect(variable.shape).toEqual(spec.shape);
          const values = variable.dataSync();
          expect(values).toEqual(second.variables[i]!.variable.dataSync());
          const bound = spec.init.kind === 'uniform' ? spec.init.bound : 0;
          expect(values.every((value) => Math.abs(value) <= bound + Math.abs(value) * 1e-7)).toBe(true);
        });
        disposeEncoder(first);
        disposeEncoder(second);
      }),
      { numRuns: 5 },
    );
  });
});
