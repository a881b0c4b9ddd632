import { join } from 'node:path';
import { selectBackend } from '@halp/backend/node';
import { disposeEncoder } from '@halp/encoders';
import { encoderFromImport } from '@halp/torch-checkpoint';
import { writeCheckpoint } from '@halp/trainer/node';
import { referenceTrainingCheckpoint } from '../../reference-checkpoint.js';
import { stringOption } from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { describeImport, importReferenceFile } from '../reference-file.js';
import { saveEncoderFiles } from '../save-encoder.js';

export const importCommand: Command = {
  name: 'import',
  options: { out: 'string', backend: 'string' },
  positionals: 1,
  summary: 'bring a HaLP/CMD/ISC reference checkpoint (PyTorch .pth.tar) into halp',
  help: `halp import <checkpoint.pth.tar> --out <folder>

Reads a checkpoint that the HaLP, CMD or ISC (sequence) reference saved with torch.save (their MoCo
BiGRU, with or without DistributedDataParallel's module. prefix; storages saved on a GPU are read
as CPU ones) without running any code from it, and writes:
  <out>/encoder      the query encoder in halp's format (tfjs model files: Node and browsers load it;
                     it steps its GRU frame by frame, as the reference trained it); for a CMD file,
                     one <out>/encoders/sequence-<modality> per stream (joint, motion, bone)
  <out>/checkpoint   a halp training checkpoint (both encoders, queue, SGD momentum, epoch of every
                     stream) that 'halp pretrain --warm-start <out>/checkpoint' continues; written
                     when the file has queues
--backend (default wasm) holds the weights while they are written. 'halp pretrain --warm-start'
and 'halp linear|knn|semi --encoder' also take the .pth.tar directly.`,
  async run(args, output) {
    const [path, extra] = args.positionals;
    if (path === undefined || extra !== undefined) {
      throw new CliError('usage: halp import <checkpoint.pth.tar> --out <folder>');
    }
    const out = stringOption(args, 'out');
    if (out === undefined) throw new CliError('--out <folder> is required');
    const streams = (await importReferenceFile(path, output)).map(({ modality, imported }) => ({
      name: `sequence-${modality}`,
      imported,
    }));
    for (const { name, imported } of streams) {
      output.err(`${path}: ${streams.length > 1 ? `${name}: ` : ''}${describeImport(imported)}\n`);
    }
    await selectBackend({
      preference: stringOption(args, 'backend', 'wasm'),
      log: (line) => output.err(`${line}\n`),
    });
    for (const { name, imported } of streams) {
      const encoder = encoderFromImport(imported.encoder, imported.query);
      const folder = streams.length === 1 ? join(out, 'encoder') : join(out, 'encoders', name);
      try {
        output.out(
          `encoder${streams.length > 1 ? ` ${name}` : ''}: ${await saveEncoderFiles(encoder, folder)}\n`,
        );
      } finally {
        disposeEncoder(encoder);
      }
    }
    if (streams.some(({ imported }) => imported.queue === null)) {
      output.out('checkpoint: none (the file has no MoCo queue to continue a run from)\n');
      return;
    }
    output.out(
      `checkpoint: ${await writeCheckpoint(out, 'checkpoint', referenceTrainingCheckpoint(streams))}\n`,
    );
  },
};
