import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Part } from '../src/dataset/part.js';
import { kinect25 } from '../src/layouts/kinect25.js';
import { readNpy } from '../src/node/io/read-npy.js';
import { listNtuSamples } from '../src/node/prepare/ntu-samples.js';
import { listPkuSamples } from '../src/node/prepare/pku-samples.js';
import { preNormalize } from '../src/prepare/pre-normalize.js';
import type { SampleSource } from '../src/prepare/sample-source.js';
import { ntu60XSub, ntu60XView, pkuXSub, pkuXView, type Split } from '../src/prepare/splits.js';
import { tracksToClip } from '../src/prepare/tracks-to-clip.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
const CLIP_SIZE = 3 * 300 * 25 * 2;

async function right<A>(
  task: () => Promise<{ _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }>,
) {
  const result = await task();
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
}

const cases: [string, string, Part, Split][] = [
  ['ntu', 'xsub', 'train', ntu60XSub],
  ['ntu', 'xsub', 'val', ntu60XSub],
  ['ntu', 'xview', 'train', ntu60XView],
  ['ntu', 'xview', 'val', ntu60XView],
  ['pku', 'xsub', 'train', pkuXSub],
  ['pku', 'xsub', 'val', pkuXSub],
  ['pku', 'xview', 'train', pkuXView],
  ['pku', 'xview', 'val', pkuXView],
];

describe.skipIf(!existsSync(fixtures))('samples and clips equal the reference outputs', () => {
  it.each(cases)('%s %s/%s', async (dataset, benchmark, part, split) => {
    const processed = path.join(fixtures, `${dataset}-processed`);
    const manifest = JSON.parse(readFileSync(path.join(processed, 'manifest.json'), 'utf8'));
    const { order_of_samples: referenceOrder, per_sample: perSample } =
      manifest.splits[`${benchmark}/${part}`];
    const data = await right(
      readNpy(path.join(processed, benchmark, `${part}_data_joint.npy`), { dtype: 'float32' }),
    );
    const numFrame = await right(
      readNpy(path.join(processed, benchmark, `${part}_num_frame.npy`), { dtype: 'int64' }),
    );

    const samples: SampleSource[] =
      split.dataset === 'ntu'
        ? await right(listNtuSamples(path.join(fixtures, 'ntu-raw/nturgb+d_skeletons'), split, part))
        : await right(listPkuSamples(path.join(fixtures, 'pku-raw'), split, part));
    // Same samples as the reference, in sorted order instead of its directory listing order.
    expect(samples.map((sample) => sample.name)).toEqual([...referenceOrder].sort());

    for (const sample of samples) {
      const index = referenceOrder.indexOf(sample.name);
      expect(sample.label).toBe(perSample[index].label);
      const tracks = await right(sample.read());
      expect(tracks.frameCount).toBe(Number(numFrame.data[index]));
      const clip = preNormalize(tracksToClip(tracks), kinect25);
      const reference = data.data.subarray(index * CLIP_SIZE, (index + 1) * CLIP_SIZE);
      let maxError = 0;
      for (let i = 0; i < CLIP_SIZE; i++)
        maxError = Math.max(maxError, Math.abs(clip.data[i]! - reference[i]!));
      expect(maxError, sample.name).toBeLessThanOrEqual(1e-5);
      // Sharper than the contract: the float32 roundings of the reference are reproduced exactly.
      expect(maxError, `${sample.name} is bit-identical`).toBe(0);
    }
  });
});
