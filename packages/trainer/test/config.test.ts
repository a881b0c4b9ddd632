import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRETRAIN_CONFIG } from '../src/config.js';
import { type ConfigIssue, formatConfigIssues, parsePretrainConfig } from '../src/parse-config.js';

function issues(input: unknown): readonly ConfigIssue[] {
  const result = parsePretrainConfig(input);
  if (E.isRight(result)) throw new Error('expected the configuration to be rejected');
  return result.left;
}

describe('parsePretrainConfig', () => {
  it('fills every default from an empty object: the references’ NTU-60 x-sub hyperparameters', () => {
    const result = parsePretrainConfig({});
    expect(E.isRight(result) && result.right).toEqual(DEFAULT_PRETRAIN_CONFIG);
    const config = DEFAULT_PRETRAIN_CONFIG;
    expect([config.batchSize, config.queueSize, config.temperature, config.keyMomentum]).toEqual([
      64, 16384, 0.07, 0.999,
    ]);
    expect(config.optimizer).toMatchObject({ learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4 });
  });

  it('fills HaLP’s defaults (20 prototypes of the newest 256 keys every 10 steps, 100 positives, pool 20, skip 1, λ 0.8, μ 2)', () => {
    const result = parsePretrainConfig({ method: 'halp' });
    expect(E.isRight(result) && result.right.methodOptions).toMatchObject({
      numPrototypes: 20,
      keysForPrototypes: 256,
      updateEvery: 10,
      numPositives: 100,
      numClosest: 20,
      skipClosest: 1,
      lambda: 0.8,
      mu: 2,
    });
  });

  it('merges nested overrides', () => {
    const result = parsePretrainConfig({ optimizer: { learningRate: 0.1 }, encoder: { hiddenSize: 256 } });
    expect(E.isRight(result) && result.right.optimizer).toEqual({
      ...DEFAULT_PRETRAIN_CONFIG.optimizer,
      learningRate: 0.1,
    });
    expect(E.isRight(result) && result.right.encoder.hiddenSize).toBe(256);
  });

  it('names the path of every unknown key and wrong type at once', () => {
    const found = issues({
      epoch: 3,
      optimizer: { learningRate: -1, nesterov: true },
      encoder: { hiddenSize: 'big' },
      temperature: 0,
      backend: 'tpu',
    });
    const paths = found.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['epoch', 'optimizer.nesterov', 'encoder.hiddenSize']));
    expect(found.find((issue) => issue.path === 'encoder.hiddenSize')).toMatchObject({
      expected: 'a finite number',
      found: '"big"',
    });
  });

  it('checks ranges once the types are right', () => {
    const paths = issues({
      temperature: 0,
      backend: 'tpu',
      optimizer: { learningRate: -1 },
      batchSize: 1,
    }).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['temperature', 'backend', 'optimizer.learningRate', 'batchSize']),
    );
  });

  it('checks method options against the chosen method and unknown methods against the registry', () => {
    expect(issues({ method: 'halp', methodOptions: { mu: 2, prototypes: 3 } }).map((i) => i.path)).toEqual([
      'methodOptions.prototypes',
    ]);
    expect(issues({ method: 'simclr' })[0]).toMatchObject({ path: 'method', found: '"simclr"' });
    expect(formatConfigIssues(issues({ method: 'simclr' }))).toMatch(/^method: expected one of moco, halp/);
  });

  it('names the path of every bad method option from the method’s schema', () => {
    const found = issues({ method: 'isc-halp', methodOptions: { pair: 'graph', lambda: -1, mu: 'big' } });
    expect(found.map((issue) => issue.path)).toEqual([
      'methodOptions.pair',
      'methodOptions.lambda',
      'methodOptions.mu',
    ]);
    expect(found[2]).toMatchObject({ expected: 'a non-negative number', found: '"big"' });
    expect(issues({ method: 'halp', methodOptions: { lambda: 5 } })[0]).toMatchObject({
      path: 'methodOptions.lambda',
      expected: 'a number in [0, 1] or exactly 1000',
    });
  });

  it('rejects a non-object configuration', () => {
    expect(issues([1, 2])[0]).toMatchObject({ path: '(config)', expected: 'an object' });
  });
});
