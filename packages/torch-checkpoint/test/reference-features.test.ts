import '@tensorflow/tfjs-backend-cpu';
import { disposeEncoder, encode, trainableVariables } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bytesSource,
  encoderFromImport,
  importReferenceMoco,
  openTorchCheckpoint,
  type ReferenceMocoImport,
} from '../src/index.js';
import { openTorchCheckpointFile } from '../src/node/index.js';
import {
  expected,
  FIXTURE_MODELS,
  FIXTURES,
  fixtureBytes,
  fixturePath,
  fixtureSequences,
  maxDifference,
  rightOf,
} from './fixtures.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function imported(name: string): Promise<ReferenceMocoImport> {
  const checkpoint = rightOf(await openTorchCheckpointFile(fixturePath(`${name}.pth.tar`))());
  return rightOf(await importReferenceMoco(checkpoint)());
}

describe.each(FIXTURES)('%s: imported encoders compute the reference features', (name) => {
  it('query features, embeddings and key features equal the reference’s to 1e-5', async () => {
    const model = await imported(name);
    const reference = expected(name);
    const { data, shape } = fixtureSequences();
    for (const [weights, expectedFeatures, expectedEmbeddings] of [
      [model.query, reference.features, reference.embeddings],
      [model.key!, reference.key_features, null],
    ] as const) {
      const encoder = encoderFromImport(model.encoder, weights);
      const x = tf.tensor3d(data, shape);
      const { features, embedding } = encode(encoder, x, { training: false });
      expect(maxDifference(await features.data(), expectedFeatures.flat())).toBeLessThan(1e-5);
      if (expectedEmbeddings !== null) {
        expect(maxDifference(await embedding.data(), expectedEmbeddings.flat())).toBeLessThan(1e-5);
      }
      tf.dispose([x, features, embedding]);
      disposeEncoder(encoder);
    }
  });

  it('reads the sizes, the reference stepping, the epoch and the queue', async () => {
    const model = await imported(name);
    const reference = expected(name);
    expect(model.encoder).toMatchObject({ inputSize: 150, hiddenSize: 6, numLayers: 2, embeddingSize: 16 });
    expect(model.encoder.stepping).toBe('reference');
    expect(model.encoder.head).toBe(FIXTURE_MODELS[name].head);
    expect(model.encoder.batchNorm).toBe(FIXTURE_MODELS[name].batchNorm);
    expect(model.prefix).toBe(FIXTURE_MODELS[name].prefix);
    expect(model.epoch).toBe(reference.epoch);
    const queue = model.queue!;
    expect(queue.pointer).toBe(reference.queue_pointer);
    // The reference keeps keys as columns of [E, K]; halp as rows of [K, E].
    const row5 = queue.keys.subarray(5 * queue.dimension, 6 * queue.dimension);
    expect(maxDifference(row5, reference.queue_column_5)).toBe(0);
  });

  it('places SGD’s momentum buffers on the matching halp variables', async () => {
    const model = await imported(name);
    const { momentum } = expected(name);
    const hidden = model.encoder.hiddenSize;
    const encoder = encoderFromImport(model.encoder, model.query);
    const names = encoder.variables.filter((entry) => entry.trainable).map((entry) => entry.name);
    const velocity = (variable: string) => model.velocities![names.indexOf(variable)]!;
    disposeEncoder(encoder);
    expect(model.velocities).toHaveLength(trainableVariables(encoder).length);
    for (const [torchName, values] of Object.entries(momentum)) {
      const local = torchName.replace(/^(module\.)?encoder_q\./, '');
      let actual: number[];
      if (local === 'encoder.gru.weight_ih_l0_reverse') {
        // [3H, C] in PyTorch; the right half of halp's [C, 6H] input kernel, transposed.
        const kernel = velocity('gru/0/inputKernel');
        const inputs = model.encoder.inputSize;
        actual = values.map((_, flat) => {
          const [gate, input] = [Math.floor(flat / inputs), flat % inputs];
          return kernel[input * 6 * hidden + 3 * hidden + gate]!;
        });
      } else if (local === 'encoder.gru.bias_hh_l1') {
        actual = [...velocity('gru/1/forward/recurrentBias')].slice(0, values.length);
      } else if (local === 'encoder.gru.bias_hh_l1_reverse') {
        actual = [...velocity('gru/1/backward/recurrentBias')].slice(0, values.length);
      } else if (local === 'input_norm.weight') {
        actual = [...velocity('inputNorm/gamma')].slice(0, values.length);
      } else if (local === 'fc.0.weight') {
        // [2H, 2H] in PyTorch: out × in; halp's hidden kernel is in × out.
        const kernel = velocity('head/hiddenKernel');
        actual = values.map(
          (_, flat) => kernel[(flat % (2 * hidden)) * 2 * hidden + Math.floor(flat / (2 * hidden))]!,
        );
      } else if (local === 'fc.weight') {
        // [E, 2H] in PyTorch; halp's linear head kernel is [2H, E].
        const kernel = velocity('head/kernel');
        const embedding = model.encoder.embeddingSize;
        actual = values.map(
          (_, flat) => kernel[(flat % (2 * hidden)) * embedding + Math.floor(flat / (2 * hidden))]!,
        );
      } else {
        throw new Error(`no probe for ${torchName}`);
      }
      expect(maxDifference(actual, values), torchName).toBe(0);
    }
    expect(Object.keys(momentum).length).toBeGreaterThanOrEqual(4);
  });
});

it('reads from bytes in memory as from a file', async () => {
  const checkpoint = rightOf(
    await openTorchCheckpoint(bytesSource(fixtureBytes('baseline.pth.tar'), 'baseline'))(),
  );
  const fromBytes = rightOf(await importReferenceMoco(checkpoint)());
  const fromFile = await imported('baseline');
  expect([...fromBytes.query.keys()]).toEqual([...fromFile.query.keys()]);
  for (const [variable, array] of fromFile.query)
    expect(fromBytes.query.get(variable)!.data).toEqual(array.data);
});

it('the frame-by-frame stepping matters: the same weights read bidirectionally miss the reference', async () => {
  const model = await imported('baseline');
  const { data, shape } = fixtureSequences();
  const encoder = encoderFromImport({ ...model.encoder, stepping: 'bidirectional' }, model.query);
  const x = tf.tensor3d(data, shape);
  const { features, embedding } = encode(encoder, x, { training: false });
  expect(maxDifference(await features.data(), expected('baseline').features.flat())).toBeGreaterThan(1e-3);
  tf.dispose([x, features, embedding]);
  disposeEncoder(encoder);
});
