import { join } from 'node:path';
import { generateSyntheticDataset } from '@halp/skeleton';
import { writeSyntheticDataset } from '@halp/skeleton/node';
import { integerOption, stringOption } from '../arguments.js';
import type { Command } from '../command.js';
import { orCliError } from '../data-error.js';

export const synthCommand: Command = {
  name: 'synth',
  options: { out: 'string', seed: 'string', performers: 'string', cameras: 'string', replications: 'string' },
  summary: 'write the built-in synthetic action dataset in the processed NTU format',
  help: `halp synth [--out data/synthetic] [--seed 0] [--performers 10] [--cameras 3] [--replications 2]

Generates the synthetic dataset (18 action classes on the Kinect-25 skeleton, performers with their
own body proportions, tempo and style, several camera views, sensor noise and dropouts, 40–300
frames) and writes <out>/xsub and <out>/xview, each with train_/val_data_joint.npy,
_num_frame.npy and _label.pkl, the files the reference trainers and 'halp pretrain --data' read.
x-sub splits by performer, x-view by camera.`,
  async run(args, output) {
    const out = stringOption(args, 'out', join('data', 'synthetic'));
    const started = performance.now();
    const dataset = generateSyntheticDataset({
      seed: integerOption(args, 'seed', 0),
      performers: integerOption(args, 'performers', 10, 2),
      cameras: integerOption(args, 'cameras', 3, 2),
      replications: integerOption(args, 'replications', 2, 1),
    });
    orCliError(await writeSyntheticDataset(out, dataset)());
    output.out(
      `wrote ${dataset.shape.count} clips of ${dataset.classNames.length} classes to ${join(out, 'xsub')} and ` +
        `${join(out, 'xview')} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  },
};
