import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Clip, decodeNpy, toSequence } from '@halp/skeleton';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';

/**
 * Fixtures written by `tooling/torch-fixtures/make_reference_checkpoints.py` with the references' own
 * modules and `torch.save` (see its docstring): `baseline` (HaLP's MoCo baseline, --mlp, no DDP,
 * CPU), `halp-ddp-cuda` (HaLP's builder, linear head, `module.` prefix, `cuda:0` storages) and
 * `isc-intra-sequence` (ISC's intra-skeleton MoCo on sequences: a BiGRU without input BatchNorm).
 */
export const FIXTURES = ['baseline', 'halp-ddp-cuda', 'isc-intra-sequence'] as const;

/** What each fixture's model is, as its generator built it. */
export const FIXTURE_MODELS = {
  baseline: { head: 'mlp', prefix: '', batchNorm: true },
  'halp-ddp-cuda': { head: 'linear', prefix: 'module.', batchNorm: true },
  'isc-intra-sequence': { head: 'linear', prefix: '', batchNorm: false },
} as const;

export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));
}

export function fixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(file)));
}

/** The reference's outputs for the fixture's clips, in eval mode, and probes of its saved state. */
export interface Expected {
  readonly epoch: number;
  readonly queue_pointer: number;
  readonly queue_column_5: number[];
  readonly momentum: Record<string, number[]>;
  readonly features: number[][];
  readonly embeddings: number[][];
  readonly key_features: number[][];
}

export function expected(name: string): Expected {
  return JSON.parse(readFileSync(fixturePath(`${name}.expected.json`), 'utf8')) as Expected;
}

/** The fixtures' clips (N, C, T, V, M) as halp's sequence representation, [N, T, V·C·M] flat. */
export function fixtureSequences(): { data: Float32Array; shape: [number, number, number] } {
  const array = decodeNpy(fixtureBytes('clips.npy'), 'clips.npy');
  if (E.isLeft(array) || array.right.dtype !== 'float32') throw new Error('bad clips fixture');
  const [clips, channels, frames, joints, bodies] = array.right.shape as number[];
  const size = channels! * frames! * joints! * bodies!;
  const data = new Float32Array(clips! * size);
  for (let n = 0; n < clips!; n += 1) {
    const clip: Clip = {
      data: (array.right.data as Float32Array).subarray(n * size, (n + 1) * size),
      channels: channels!,
      frames: frames!,
      joints: joints!,
      bodies: bodies!,
    };
    toSequence(clip, data, n * size);
  }
  return { data, shape: [clips!, frames!, size / frames!] };
}

export function rightOf<L, R>(either: E.Either<L, R>): R {
  if (E.isLeft(either)) expect.fail(`expected Right, got ${JSON.stringify(either.left)}`);
  return either.right;
}

export function leftOf<L, R>(either: E.Either<L, R>): L {
  if (E.isRight(either)) expect.fail('expected Left, got Right');
  return either.left;
}

/** Largest |a − b| over two equally long lists. */
export function maxDifference(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  expect(actual.length).toBe(reference.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i += 1) worst = Math.max(worst, Math.abs(actual[i]! - reference[i]!));
  return worst;
}
