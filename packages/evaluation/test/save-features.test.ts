import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matrix } from '@halp/hypersphere';
import { readNpy } from '@halp/skeleton/node';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { saveFeatures } from '../src/node/save-features.js';

describe('saveFeatures', () => {
  it('writes a float32 (rows, columns) .npy that reads back to the same values', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'halp-features-')), 'features.npy');
    const features = matrix(2, 3, Float64Array.from([0.5, -1, 2, 1e-3, 0, 3.25]));
    expect(E.isRight(await saveFeatures(path, features)())).toBe(true);
    const read = await readNpy(path, { dtype: 'float32' })();
    if (E.isLeft(read)) throw new Error(JSON.stringify(read.left));
    expect(read.right.shape).toEqual([2, 3]);
    expect(Array.from(read.right.data)).toEqual(Array.from(Float32Array.from(features.data)));
  });

  it('reports an unwritable path as a Left, not a throw', async () => {
    const result = await saveFeatures('/nonexistent-dir/sub/features.npy', matrix(1, 1))();
    expect(E.isLeft(result)).toBe(true);
  });

  it('refuses features with a NaN or infinite value, naming the row, and writes nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'halp-features-')), 'features.npy');
    for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY]) {
      const result = await saveFeatures(path, matrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, bad])))();
      expect(E.isLeft(result) && result.left.message).toBe(
        `${path}: npy error at row 2: expected finite features, found ${bad}`,
      );
      expect(existsSync(path)).toBe(false);
    }
  });
});
