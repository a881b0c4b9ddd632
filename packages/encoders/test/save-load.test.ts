import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BiGruEncoder,
  type BiGruEncoderConfig,
  disposeEncoder,
  type Encoder,
  type EncoderFileError,
  encode,
  encoderArtifacts,
  encoderFromArtifacts,
  initEncoder,
  loadEncoder,
  namedVariables,
  saveEncoder,
} from '../src/index.js';
import { fileSystemHandler } from '../src/node/index.js';
import { normalTensor, useCpuBackend } from './helpers.js';

beforeAll(useCpuBackend);

const config: BiGruEncoderConfig = {
  inputSize: 6,
  hiddenSize: 4,
  numLayers: 2,
  head: 'mlp',
  embeddingSize: 3,
  stepping: 'reference',
  batchNorm: true,
};

let directory: string;
let encoder: BiGruEncoder;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'halp-encoders-'));
  encoder = initEncoder(config, createRandom(7));
  // Running statistics that differ from their initial values, so that saving them is observable.
  tf.tidy(() => {
    encoder.inputNorm!.runningMean.assign(normalTensor(createRandom(8), [config.inputSize]));
    encoder.inputNorm!.runningVariance.assign(tf.exp(normalTensor(createRandom(9), [config.inputSize])));
  });
});

afterEach(async () => {
  disposeEncoder(encoder);
  await rm(directory, { recursive: true, force: true });
});

function expectSameEncoder(loaded: BiGruEncoder, original: BiGruEncoder): void {
  expect(loaded.config).toEqual(original.config);
  const pairs = namedVariables(loaded).map((entry, i) => [entry, namedVariables(original)[i]!] as const);
  for (const [mine, theirs] of pairs) {
    expect(mine.name).toBe(theirs.name);
    expect(mine.trainable).toBe(theirs.trainable);
    expect(mine.variable.dataSync()).toEqual(theirs.variable.dataSync());
  }
  tf.tidy(() => {
    const x = normalTensor<tf.Rank.R3>(createRandom(10), [2, 5, config.inputSize]);
    for (const training of [true, false]) {
      expect(encode(loaded, x, { training }).embedding.dataSync()).toEqual(
        encode(original, x, { training }).embedding.dataSync(),
      );
    }
  });
}

/** The artifacts `saveEncoder` hands to an IOHandler. */
async function savedInMemory(encoder: Encoder): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await saveEncoder(
    encoder,
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

async function loadRight(handler: tf.io.IOHandler): Promise<BiGruEncoder> {
  const result = await loadEncoder(handler, 'test')();
  if (E.isLeft(result)) throw new Error(result.left.message);
  if (result.right.kind !== 'bigru') throw new Error(`loaded a ${result.right.kind} encoder`);
  return result.right;
}

async function loadLeft(handler: tf.io.IOHandler): Promise<EncoderFileError> {
  const result = await loadEncoder(handler, 'test')();
  if (E.isRight(result)) {
    disposeEncoder(result.right);
    throw new Error('expected a load error');
  }
  return result.left;
}

describe('saving and loading', () => {
  it('round-trips through a directory: same config, variables and outputs', async () => {
    await saveEncoder(encoder, fileSystemHandler(directory));
    expect((await readdir(directory)).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadRight(fileSystemHandler(directory));
    expectSameEncoder(loaded, encoder);
    disposeEncoder(loaded);
  });

  it('round-trips through any tfjs IOHandler (in memory)', async () => {
    const loaded = await loadRight(tf.io.fromMemory(await savedInMemory(encoder)));
    expectSameEncoder(loaded, encoder);
    disposeEncoder(loaded);
  });

  it('still loads files written before other kinds existed (format "halp-bigru-encoder", no kind)', async () => {
    let saved: tf.io.ModelArtifacts | undefined;
    await saveEncoder(
      encoder,
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const { kind: _kind, ...legacyConfig } = config;
    const legacy = {
      ...saved!,
      modelTopology: { format: 'halp-bigru-encoder', version: 1, config: legacyConfig },
    };
    const loaded = await loadRight(tf.io.fromMemory(legacy));
    expectSameEncoder(loaded, encoder);
    disposeEncoder(loaded);
  });

  it('writes a model.json + weights.bin that plain tfjs decodes into the named variables', async () => {
    await saveEncoder(encoder, fileSystemHandler(directory));
    const modelJson = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(modelJson.modelTopology).toMatchObject({ format: 'halp-encoder', version: 1, config });
    expect(modelJson.weightsManifest.flatMap((group) => group.paths)).toEqual(['weights.bin']);
    const bytes = await readFile(join(directory, 'weights.bin'));
    const weights = tf.io.decodeWeights(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      modelJson.weightsManifest[0]!.weights,
    );
    for (const { name, variable } of namedVariables(encoder)) {
      expect(weights[name]!.shape).toEqual(variable.shape);
      expect(weights[name]!.dataSync()).toEqual(variable.dataSync());
    }
    tf.dispose(Object.values(weights));
  });

  it('names the field of a wrong topology, config or weight', async () => {
    const artifacts = await encoderArtifacts(encoder);
    const topology = artifacts.modelTopology as Record<string, unknown>;
    const cases: [tf.io.ModelArtifacts, string][] = [
      [{ ...artifacts, modelTopology: { ...topology, format: 'layers-model' } }, 'modelTopology.format'],
      [{ ...artifacts, modelTopology: { ...topology, version: 2 } }, 'modelTopology.version'],
      [
        { ...artifacts, modelTopology: { ...topology, config: { ...config, hiddenSize: 0 } } },
        'modelTopology.config.hiddenSize',
      ],
      [
        { ...artifacts, modelTopology: { ...topology, config: { ...config, stepping: 'sideways' } } },
        'modelTopology.config.stepping',
      ],
      [
        {
          ...artifacts,
          weightSpecs: artifacts.weightSpecs!.filter((spec) => spec.name !== 'head/outputBias'),
        },
        'weights["head/outputBias"]',
      ],
      [
        {
          ...artifacts,
          weightSpecs: artifacts.weightSpecs!.map((spec) =>
            spec.name === 'gru/1/inputKernel' ? { ...spec, shape: [4, 24] } : spec,
          ),
        },
        'weights["gru/1/inputKernel"].shape',
      ],
      [{ ...artifacts, weightData: (artifacts.weightData as ArrayBuffer).slice(0, 40) }, 'weightData'],
    ];
    const withValue = (name: string, value: number): tf.io.ModelArtifacts => {
      const data = new Float32Array((artifacts.weightData as ArrayBuffer).slice(0));
      let offset = 0;
      for (const spec of artifacts.weightSpecs!) {
        if (spec.name === name) break;
        offset += spec.shape.reduce((product, dimension) => product * dimension, 1);
      }
      data[offset] = value;
      return { ...artifacts, weightData: data.buffer };
    };
    cases.push([
      withValue('gru/0/forward/recurrentKernel', Number.NaN),
      'weights["gru/0/forward/recurrentKernel"]',
    ]);
    cases.push([withValue('head/hiddenBias', Number.POSITIVE_INFINITY), 'weights["head/hiddenBias"]']);
    cases.push([withValue('inputNorm/runningVariance', -1), 'weights["inputNorm/runningVariance"]']);
    for (const [broken, field] of cases) {
      const result = encoderFromArtifacts(broken, 'model.json');
      expect(E.isLeft(result) && result.left.field).toBe(field);
      if (E.isLeft(result)) expect(result.left.message).toContain('model.json');
    }
  });

  it('reports a missing or unreadable directory as a load error, without throwing', async () => {
    expect((await loadLeft(fileSystemHandler(join(directory, 'absent')))).field).toBe('load');
    await writeFile(join(directory, 'model.json'), '{ not json');
    expect((await loadLeft(fileSystemHandler(directory))).field).toBe('load');
  });

  it('refuses weight paths outside the directory', async () => {
    await saveEncoder(encoder, fileSystemHandler(directory));
    const modelJson = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    modelJson.weightsManifest[0]!.paths = ['../weights.bin'];
    await writeFile(join(directory, 'model.json'), JSON.stringify(modelJson));
    const error = await loadLeft(fileSystemHandler(directory));
    expect(error.field).toBe('load');
    expect(error.found).toContain('leaves the directory');
  });
});
