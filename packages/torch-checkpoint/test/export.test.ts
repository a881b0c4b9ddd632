import '@tensorflow/tfjs-backend-cpu';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { disposeEncoder, encode } from '@halp/encoders';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesSource,
  encoderFromImport,
  importReferenceMoco,
  openTorchCheckpoint,
  referenceCheckpointBytes,
} from '../src/index.js';
import { openTorchCheckpointFile, writeReferenceCheckpointFile } from '../src/node/index.js';
import {
  expected,
  FIXTURE_MODELS,
  FIXTURES,
  fixturePath,
  fixtureSequences,
  maxDifference,
  rightOf,
} from './fixtures.js';

let scratch: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = await mkdtemp(join(tmpdir(), 'halp-export-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function importedFixture(name: string) {
  const checkpoint = rightOf(await openTorchCheckpointFile(fixturePath(`${name}.pth.tar`))());
  return rightOf(await importReferenceMoco(checkpoint)());
}

describe.each(FIXTURES)('%s: a halp BiGRU written as a reference checkpoint', (name) => {
  it('reads back as the same encoder, computing the reference features', async () => {
    const model = await importedFixture(name);
    const encoder = encoderFromImport(model.encoder, model.query);
    const bytes = await referenceCheckpointBytes(encoder, 7);
    disposeEncoder(encoder);
    const back = rightOf(
      await importReferenceMoco(rightOf(await openTorchCheckpoint(bytesSource(bytes, 'x'))()))(),
    );
    expect(back.encoder).toEqual(model.encoder);
    expect(back.epoch).toBe(7);
    expect(back.key).toBeNull();
    for (const [variable, array] of model.query) expect(back.query.get(variable), variable).toEqual(array);
    const again = encoderFromImport(back.encoder, back.query);
    const { data, shape } = fixtureSequences();
    const x = tf.tensor3d(data, shape);
    const { features, embedding } = encode(again, x, { training: false });
    expect(maxDifference(await features.data(), expected(name).features.flat())).toBeLessThan(1e-5);
    tf.dispose([x, features, embedding]);
    disposeEncoder(again);
  });
});

/**
 * The reference's own evaluation loading halp's file needs a checkout of the HaLP reference
 * (HALP_REFERENCE=path) and a Python with torch (PYTHON, default python3); without them this check
 * is skipped, with the reason.
 */
const reference = process.env.HALP_REFERENCE;
const python = process.env.PYTHON ?? 'python3';
const torchAvailable =
  reference !== undefined && spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
describe.skipIf(!torchAvailable)(
  `the HaLP reference's evaluation loads it${torchAvailable ? '' : ' (skipped: needs HALP_REFERENCE=<HaLP checkout> and PYTHON with torch)'}`,
  () => {
    // HaLP's evaluation model has the input BatchNorm; ISC's BiGRU (without it) is not its model.
    it.each(FIXTURES.filter((name) => FIXTURE_MODELS[name].batchNorm))(
      '%s: load_state_dict(strict=False) fills the model, which computes the features',
      async (name) => {
        const model = await importedFixture(name);
        const encoder = encoderFromImport(model.encoder, model.query);
        const path = join(scratch, `${name}.pth.tar`);
        rightOf(await writeReferenceCheckpointFile(path, encoder, 3)());
        disposeEncoder(encoder);
        const script = fileURLToPath(
          new URL('../../../tooling/torch-fixtures/check_exported_checkpoint.py', import.meta.url),
        );
        const report = JSON.parse(
          execFileSync(python, [
            script,
            '--reference',
            reference!,
            '--checkpoint',
            path,
            '--clips',
            fixturePath('clips.npy'),
            '--expected',
            fixturePath(`${name}.expected.json`),
          ]).toString(),
        );
        expect(report.missing).toEqual([]);
        expect(report.max_abs_difference).toBeLessThan(1e-5);
      },
    );
  },
);
