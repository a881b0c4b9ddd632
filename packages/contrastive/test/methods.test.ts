import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { randomUnitVectors } from '@halp/hypersphere';
import { createRandom, type Random } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossModalDistillationLossArray } from '../src/cross-modal-distillation-array.js';
import { builtInMethods, pairwiseContrastMethod } from '../src/index.js';
import { infoNceLossArray } from '../src/info-nce.js';
import { KeyQueue } from '../src/key-queue.js';
import type { ContrastiveStep, MethodDefinition, StreamSpec } from '../src/methods/method.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const [batch, dimension, queueSize, temperature] = [4, 6, 16, 0.2];

interface Fixture {
  readonly streams: readonly StreamSpec[];
  readonly step: ContrastiveStep;
  readonly queries: tf.Tensor2D[];
  readonly rows: { queries: Float64Array[]; keys: Float64Array[]; queues: Float64Array[] };
  dispose(): void;
}

/** Random unit queries, keys and queues for each stream of `definition` with `options`. */
function fixture(definition: MethodDefinition, options: Record<string, unknown>, random: Random): Fixture {
  const streams = definition.streams(options, { representation: 'sequence', modality: 'joint' });
  const draw = (rows: number) => randomUnitVectors(rows, dimension, random);
  const rows = { queries: [] as Float64Array[], keys: [] as Float64Array[], queues: [] as Float64Array[] };
  const float64 = (values: ArrayLike<number>) => Float64Array.from(values);
  const queues: KeyQueue[] = [];
  const keys: tf.Tensor2D[] = [];
  const queries: tf.Tensor2D[] = [];
  for (const _ of streams) {
    const [q, k, queue] = [draw(batch), draw(batch), draw(queueSize)];
    rows.queries.push(float64(q.data));
    rows.keys.push(float64(k.data));
    rows.queues.push(float64(queue.data));
    queries.push(tf.tensor2d(Float32Array.from(q.data), [batch, dimension]));
    keys.push(tf.tensor2d(Float32Array.from(k.data), [batch, dimension]));
    queues.push(KeyQueue.fromRows(queue.data, queueSize, dimension));
  }
  const step: ContrastiveStep = {
    step: 0,
    streams: streams.map((spec, i) => ({
      name: `${spec.representation}-${spec.modality}`,
      keys: keys[i]!,
      queue: queues[i]!,
    })),
    random,
  };
  return {
    streams,
    step,
    queries,
    rows,
    dispose: () => {
      tf.dispose([...keys, ...queries]);
      for (const queue of queues) queue.dispose();
    },
  };
}

const asMatrix = (rows: number, data: Float64Array) => ({ rows, columns: dimension, data });

describe('isc', () => {
  it('trains the configured pair of representations in the run’s modality', () => {
    const isc = builtInMethods.get('isc')!;
    expect(isc.streams({ pair: 'graph+image' }, { representation: 'sequence', modality: 'bone' })).toEqual([
      { representation: 'graph', modality: 'bone' },
      { representation: 'image', modality: 'bone' },
    ]);
    for (const pair of ['graph', 'graph+graph', 'sequence+video', 3]) {
      expect(() => isc.streams({ pair }, { representation: 'sequence', modality: 'joint' })).toThrow(
        /isc option pair/,
      );
    }
  });

  it('sums InfoNCE of each representation’s query against the other’s key and queue', async () => {
    const isc = builtInMethods.get('isc')!;
    const data = fixture(isc, { pair: 'sequence+graph' }, createRandom(1));
    const method = isc.create({
      temperature,
      queueSize,
      streams: data.streams,
      options: { pair: 'sequence+graph' },
    });
    const prepared = await method.prepare(data.step);
    const terms = method.lossTerms(data.queries, data.step, prepared);
    const { queries, keys, queues } = data.rows;
    const expected = {
      'contrastive/sequence-joint': infoNceLossArray(
        asMatrix(batch, queries[0]!),
        asMatrix(batch, keys[1]!),
        asMatrix(queueSize, queues[1]!),
        temperature,
      ),
      'contrastive/graph-joint': infoNceLossArray(
        asMatrix(batch, queries[1]!),
        asMatrix(batch, keys[0]!),
        asMatrix(queueSize, queues[0]!),
        temperature,
      ),
    };
    expect(Object.keys(terms).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) {
      expect((await terms[name]!.data())[0]).toBeCloseTo(value, 4);
    }
    tf.dispose(Object.values(terms));
    prepared.dispose();
    method.dispose();
    data.dispose();
  });
});

describe('isc contrast option', () => {
  it('"intra" contrasts each representation with its own key and queue; other values are refused', async () => {
    const isc = builtInMethods.get('isc')!;
    const options = { pair: 'sequence+graph', contrast: 'intra' };
    const data = fixture(isc, options, createRandom(2));
    const method = isc.create({ temperature, queueSize, streams: data.streams, options });
    const prepared = await method.prepare(data.step);
    const terms = method.lossTerms(data.queries, data.step, prepared);
    const { queries, keys, queues } = data.rows;
    for (const [index, name] of ['contrastive/sequence-joint', 'contrastive/graph-joint'].entries()) {
      const expected = infoNceLossArray(
        asMatrix(batch, queries[index]!),
        asMatrix(batch, keys[index]!),
        asMatrix(queueSize, queues[index]!),
        temperature,
      );
      expect((await terms[name]!.data())[0]).toBeCloseTo(expected, 4);
    }
    tf.dispose(Object.values(terms));
    prepared.dispose();
    method.dispose();
    data.dispose();
    expect(() =>
      isc.create({ temperature, queueSize, streams: data.streams, options: { contrast: 'both' } }),
    ).toThrow(/isc option contrast: expected "inter" or "intra", found "both"/);
  });
});

describe('pairwiseContrastMethod', () => {
  it('refuses two pairs with the same query, whose terms would share a name', () => {
    const context = {
      temperature,
      queueSize,
      streams: [
        { representation: 'sequence', modality: 'joint' },
        { representation: 'graph', modality: 'joint' },
      ],
      options: {},
    } as const;
    expect(() =>
      pairwiseContrastMethod(
        'intra-and-inter',
        [
          { query: 0, keys: 1 },
          { query: 0, keys: 0 },
        ],
        context,
      ),
    ).toThrow(/query stream 0/);
    expect(() =>
      pairwiseContrastMethod(
        'inter',
        [
          { query: 0, keys: 1 },
          { query: 1, keys: 0 },
        ],
        context,
      ),
    ).not.toThrow();
  });
});

describe('withHallucinatedPositives', () => {
  const halpOptions = {
    numPrototypes: 3,
    keysForPrototypes: 8,
    numPositives: 5,
    numClosest: 2,
    warmupKeys: 1,
  };

  it('adds a HaLP term for every InfoNCE pair once warmed up, pulling the pair’s query', async () => {
    const iscHalp = builtInMethods.get('isc-halp')!;
    const options = { pair: 'sequence+image', ...halpOptions };
    const data = fixture(iscHalp, options, createRandom(2));
    const method = iscHalp.create({ temperature, queueSize, streams: data.streams, options });
    // Before any key is seen nothing is hallucinated; after one step both key streams are warm.
    const cold = await method.prepare(data.step);
    expect(
      Object.keys(method.lossTerms(data.queries, data.step, cold)).some((n) => n.startsWith('halp')),
    ).toBe(false);
    cold.dispose();
    await method.afterStep(data.step);
    const warm = await method.prepare(data.step);
    const terms = method.lossTerms(data.queries, data.step, warm);
    expect(Object.keys(terms).sort()).toEqual([
      'contrastive/image-joint',
      'contrastive/sequence-joint',
      'halp/image-joint',
      'halp/sequence-joint',
    ]);
    for (const term of Object.values(terms)) expect(Number.isFinite((await term.data())[0])).toBe(true);
    // The query of the sequence stream is pulled towards positives made from the image stream's keys:
    // its HaLP term depends on the sequence queries and not on the image queries.
    const pulled = (sequence: tf.Tensor, image: tf.Tensor) =>
      method.lossTerms([sequence as tf.Tensor2D, image as tf.Tensor2D], data.step, warm)[
        'halp/sequence-joint'
      ]!;
    const gradient = tf.grad((sequence) => pulled(sequence, data.queries[1]!))(data.queries[0]!);
    expect(Array.from(await gradient.data()).some((value) => value !== 0)).toBe(true);
    expect(() => tf.grad((image) => pulled(data.queries[0]!, image))(data.queries[1]!)).toThrow(
      /Cannot compute gradient/,
    );
    const metrics = method.metrics();
    expect(metrics['active/sequence-joint']).toBe(1);
    expect(metrics['keptFraction/image-joint']).toBeGreaterThanOrEqual(0);
    tf.dispose([...Object.values(terms), gradient]);
    warm.dispose();
    method.dispose();
    data.dispose();
  });

  it('saves and restores the prototypes of every key stream', async () => {
    const iscHalp = builtInMethods.get('isc-halp')!;
    const options = { pair: 'sequence+graph', ...halpOptions };
    const data = fixture(iscHalp, options, createRandom(3));
    const method = iscHalp.create({ temperature, queueSize, streams: data.streams, options });
    await method.prepare(data.step).then((prepared) => prepared.dispose());
    await method.afterStep(data.step);
    (await method.prepare(data.step)).dispose();
    const saved = await method.saveState();
    const restored = iscHalp.create({ temperature, queueSize, streams: data.streams, options });
    restored.restoreState(JSON.parse(JSON.stringify(saved)));
    expect(await restored.saveState()).toEqual(saved);
    const tensors = tf.memory().numTensors;
    restored.dispose();
    method.dispose();
    expect(tf.memory().numTensors).toBeLessThan(tensors);
    data.dispose();
  });
});

describe('cmd', () => {
  const options = { topK: 5, teacherTemperature: 0.05, studentTemperature: 0.1, weight: 0.5 };

  it('trains one stream per modality of the run’s representation', () => {
    const cmd = builtInMethods.get('cmd')!;
    expect(cmd.streams({}, { representation: 'graph', modality: 'joint' })).toEqual(
      ['joint', 'motion', 'bone'].map((modality) => ({ representation: 'graph', modality })),
    );
    for (const modalities of ['joint', 'joint+joint', 'joint+depth']) {
      expect(() => cmd.streams({ modalities }, { representation: 'sequence', modality: 'joint' })).toThrow(
        /cmd option modalities/,
      );
    }
    expect(() => cmd.create({ temperature, queueSize, streams: [], options: { topK: 0 } })).toThrow(/topK/);
  });

  it('is each stream’s InfoNCE plus w·L_CMD over every ordered pair of streams', async () => {
    const cmd = builtInMethods.get('cmd')!;
    const data = fixture(cmd, options, createRandom(4));
    const method = cmd.create({ temperature, queueSize, streams: data.streams, options });
    const terms = method.lossTerms(data.queries, data.step, await method.prepare(data.step));
    const { queries, keys, queues } = data.rows;
    const streams = data.streams.map((_, i) => ({
      queries: asMatrix(batch, queries[i]!),
      keys: asMatrix(batch, keys[i]!),
      queue: asMatrix(queueSize, queues[i]!),
    }));
    expect((await terms.distillation!.data())[0]).toBeCloseTo(
      options.weight * crossModalDistillationLossArray(streams, options),
      4,
    );
    for (const [i, modality] of ['joint', 'motion', 'bone'].entries()) {
      const { queries: q, keys: k, queue } = streams[i]!;
      expect((await terms[`contrastive/sequence-${modality}`]!.data())[0]).toBeCloseTo(
        infoNceLossArray(q, k, queue, temperature),
        4,
      );
    }
    expect(Object.keys(terms)).toHaveLength(4);
    tf.dispose(Object.values(terms));
    method.dispose();
    data.dispose();
  });
});
