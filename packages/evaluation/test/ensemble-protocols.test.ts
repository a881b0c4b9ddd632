import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { type BiGruEncoder, disposeEncoder, initEncoder } from '@halp/encoders';
import { createRandom } from '@halp/random';
import { datasetLabels } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearEvaluationEnsemble, semiSupervisedEnsemble } from '../src/classification-ensemble.js';
import { ensembleScores } from '../src/ensemble-scores.js';
import { linearEvaluation } from '../src/linear-evaluation.js';
import { accuracy } from '../src/metrics/accuracy.js';
import { predictedClasses } from '../src/metrics/top-k-accuracy.js';
import { input, short, test, tinyBiGru, train } from './protocol-support.js';

let jointEncoder: BiGruEncoder;
let motionEncoder: BiGruEncoder;

beforeAll(async () => {
  await tf.setBackend('cpu');
  jointEncoder = initEncoder(tinyBiGru, createRandom('joint stream'));
  motionEncoder = initEncoder(tinyBiGru, createRandom('motion stream'));
});

afterAll(() => {
  disposeEncoder(jointEncoder);
  disposeEncoder(motionEncoder);
});

const { modality: _, ...shared } = input;
const options = { ...shared, ...short, random: createRandom(5) };

describe('linearEvaluationEnsemble', () => {
  it('of one stream is that stream evaluated alone', async () => {
    const alone = await linearEvaluation(jointEncoder, train, test, { ...options, modality: 'joint' });
    const { streams, ensemble } = await linearEvaluationEnsemble(
      [{ encoder: jointEncoder, modality: 'joint' }],
      train,
      test,
      options,
    );
    expect(streams).toEqual([alone]);
    const { history: _history, scores, ...report } = alone;
    const { scores: combinedScores, ...ensembleReport } = ensemble;
    expect(ensembleReport).toEqual(report);
    expect(Array.from(combinedScores.data)).toEqual(Array.from(scores.data));
  });

  it('evaluates every stream on its modality and scores the test split with the summed logits', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const streams = [
      { encoder: jointEncoder, modality: 'joint' },
      { encoder: motionEncoder, modality: 'motion' },
    ] as const;
    const result = await linearEvaluationEnsemble(streams, train, test, options);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    for (const [s, { encoder, modality }] of streams.entries()) {
      expect(result.streams[s]).toEqual(
        await linearEvaluation(encoder, train, test, { ...options, modality }),
      );
    }
    const [joint, motion] = result.streams as [(typeof result.streams)[0], (typeof result.streams)[0]];
    const summed = Array.from(joint.scores.data, (score, i) => score + motion.scores.data[i]!);
    expect(Array.from(result.ensemble.scores.data)).toEqual(summed);
    expect(result.ensemble.top1).toBeCloseTo(
      accuracy(predictedClasses(result.ensemble.scores), datasetLabels(test)),
      12,
    );
    const probabilities = await linearEvaluationEnsemble(streams, train, test, {
      ...options,
      combination: 'probabilities',
    });
    expect(probabilities.ensemble.scores).toEqual(
      ensembleScores([joint.scores, motion.scores], 'probabilities'),
    );
  });

  it('of two identical streams predicts what the stream predicts alone', async () => {
    const stream = { encoder: jointEncoder, modality: 'bone' } as const;
    const one = await linearEvaluationEnsemble([stream], train, test, options);
    const two = await linearEvaluationEnsemble([stream, stream], train, test, options);
    expect(predictedClasses(two.ensemble.scores)).toEqual(predictedClasses(one.ensemble.scores));
    expect(two.ensemble.top1).toBe(one.ensemble.top1);
  });

  it('rejects an empty list of streams', async () => {
    await expect(linearEvaluationEnsemble([], train, test, options)).rejects.toThrow(/no streams/);
  });
});

describe('semiSupervisedEnsemble', () => {
  it('gives every stream the same labelled subset and combines their fine-tuned scores', async () => {
    const result = await semiSupervisedEnsemble(
      [
        { encoder: jointEncoder, modality: 'joint' },
        { encoder: motionEncoder, modality: 'motion' },
      ],
      train,
      test,
      { ...options, fraction: 0.5 },
    );
    const [joint, motion] = result.streams as [(typeof result.streams)[0], (typeof result.streams)[0]];
    expect(motion.labelled).toEqual(joint.labelled);
    expect(result.ensemble.scores).toEqual(ensembleScores([joint.scores, motion.scores]));
    expect([result.ensemble.scores.rows, result.ensemble.scores.columns]).toEqual([test.length, 4]);
  });
});
