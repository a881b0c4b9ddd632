import { ntu60XSub, ntu60XView, ntu120XSet, ntu120XSub, pkuXSub, pkuXView, type Split } from '@halp/skeleton';
import { prepare, readMissingSkeletonList } from '@halp/skeleton/node';
import { flagOption, stringOption } from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { orCliError } from '../data-error.js';

const SPLITS: Readonly<Record<string, Split>> = {
  'ntu60-xsub': ntu60XSub,
  'ntu60-xview': ntu60XView,
  'ntu120-xsub': ntu120XSub,
  'ntu120-xset': ntu120XSet,
  'pku2-xsub': pkuXSub,
  'pku2-xview': pkuXView,
};

export const prepareCommand: Command = {
  name: 'prepare',
  options: {
    split: 'string',
    raw: 'string',
    out: 'string',
    missing: 'string',
    resume: 'boolean',
    'body-assignment': 'string',
  },
  summary: 'convert raw NTU RGB+D / PKU-MMD II files into the processed arrays (as the references do)',
  help: `halp prepare --split ntu60-xsub --raw <folder> --out <folder> [--missing <list.txt>] [--resume]
             [--body-assignment by-position|by-id]

Splits: ${Object.keys(SPLITS).join(', ')}.
NTU: --raw is the folder of .skeleton files. PKU-MMD II: --raw holds skeleton/, label/ and the split
lists (cross_subject_v2.txt, cross_view_v2.txt). Writes <out>/{train,val}_data_joint.npy,
_num_frame.npy and _label.pkl equal to the reference pipeline's output (samples in sorted name
order). --missing skips the public list of NTU clips with missing skeletons. Progress is printed;
--resume continues an interrupted run.`,
  async run(args, output) {
    const splitName = stringOption(args, 'split');
    const rawDir = stringOption(args, 'raw');
    const outDir = stringOption(args, 'out');
    if (splitName === undefined || rawDir === undefined || outDir === undefined) {
      throw new CliError('--split, --raw and --out are required (see halp prepare --help)');
    }
    const split = SPLITS[splitName];
    if (split === undefined)
      throw new CliError(`--split: expected one of ${Object.keys(SPLITS).join(', ')}, got "${splitName}"`);
    const missingFile = stringOption(args, 'missing');
    const missingSkeletons =
      missingFile === undefined ? undefined : orCliError(await readMissingSkeletonList(missingFile)());
    const assignment = stringOption(args, 'body-assignment', 'by-position');
    if (assignment !== 'by-position' && assignment !== 'by-id') {
      throw new CliError(`--body-assignment: expected by-position or by-id, got "${assignment}"`);
    }
    let lastPercent = -1;
    const parts = orCliError(
      await prepare({
        rawDir,
        outDir,
        split,
        missingSkeletons,
        bodyAssignment: assignment,
        resume: flagOption(args, 'resume'),
        onProgress: ({ part, completed, total }) => {
          const percent = Math.floor((100 * completed) / Math.max(total, 1));
          if (output.interactive) output.err(`\r${part}: ${completed}/${total} (${percent}%)`);
          else if (percent % 10 === 0 && percent !== lastPercent)
            output.err(`${part}: ${completed}/${total} (${percent}%)\n`);
          lastPercent = percent;
        },
      })(),
    );
    if (output.interactive) output.err('\n');
    for (const part of parts) {
      output.out(`${part.part}: ${part.samples} samples → ${part.files.data}\n`);
      if (part.emptySamples.length > 0)
        output.out(`  ${part.emptySamples.length} samples had no body and were kept as zero clips\n`);
    }
  },
};
