import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { disposeEncoder, encode } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { encoderFromImport, importReferenceMoco, referenceStreams } from '../src/index.js';
import { openTorchCheckpointFile } from '../src/node/index.js';
import { fixturePath, maxDifference, rightOf } from './fixtures.js';

/** Written with CMD's builder (HaLP's `moco/builder_mm_cmd.py`) by the fixture generator. */
interface CmdExpected {
  readonly epoch: number;
  readonly inputs: number[][][];
  readonly momentum: Record<string, number[]>;
  readonly streams: Record<
    string,
    {
      readonly features: number[][];
      readonly embeddings: number[][];
      readonly key_features: number[][];
      readonly queue_pointer: number;
      readonly queue_column_5: number[];
    }
  >;
}

const expected = JSON.parse(readFileSync(fixturePath('cmd.expected.json'), 'utf8')) as CmdExpected;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('lists the streams of a CMD checkpoint', async () => {
  const checkpoint = rightOf(await openTorchCheckpointFile(fixturePath('cmd.pth.tar'))());
  expect(rightOf(referenceStreams(checkpoint))).toEqual(['joint', 'motion', 'bone']);
});

describe.each(['joint', 'motion', 'bone'])('CMD stream %s', (stream) => {
  it('imports its encoders, queue and momentum as the reference holds them', async () => {
    const checkpoint = rightOf(await openTorchCheckpointFile(fixturePath('cmd.pth.tar'))());
    const model = rightOf(await importReferenceMoco(checkpoint, { stream })());
    const reference = expected.streams[stream]!;
    expect(model.epoch).toBe(expected.epoch);
    expect(model.notes).toEqual([
      `stream ${stream} imported; the file also holds ${['joint', 'motion', 'bone'].filter((s) => s !== stream).join(', ')}`,
    ]);
    const x = tf.tensor3d(expected.inputs);
    for (const [weights, features, embeddings] of [
      [model.query, reference.features, reference.embeddings],
      [model.key!, reference.key_features, null],
    ] as const) {
      const encoder = encoderFromImport(model.encoder, weights);
      const output = encode(encoder, x, { training: false });
      expect(maxDifference(await output.features.data(), features.flat())).toBeLessThan(1e-5);
      if (embeddings !== null)
        expect(maxDifference(await output.embedding.data(), embeddings.flat())).toBeLessThan(1e-5);
      tf.dispose([output.features, output.embedding]);
      disposeEncoder(encoder);
    }
    x.dispose();
    const queue = model.queue!;
    expect(queue.pointer).toBe(reference.queue_pointer);
    expect(
      maxDifference(queue.keys.subarray(5 * queue.dimension, 6 * queue.dimension), reference.queue_column_5),
    ).toBe(0);
    // weight_ih_l0_reverse [3H, C] is the right half of halp's [C, 6H] input kernel, transposed.
    const torchName = `encoder_q${stream === 'joint' ? '' : `_${stream}`}.encoder.gru.weight_ih_l0_reverse`;
    const values = expected.momentum[torchName]!;
    const kernel = model.velocities![2]!; // inputNorm γ, β, then gru/0/inputKernel
    const { hiddenSize: hidden, inputSize: inputs } = model.encoder;
    const actual = values.map(
      (_, flat) => kernel[(flat % inputs) * 6 * hidden + 3 * hidden + Math.floor(flat / inputs)]!,
    );
    expect(maxDifference(actual, values)).toBe(0);
  });
});
