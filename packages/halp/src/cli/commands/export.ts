import { selectBackend } from '@halp/backend/node';
import { disposeEncoder } from '@halp/encoders';
import { writeReferenceCheckpointFile } from '@halp/torch-checkpoint/node';
import { integerOption, stringOption } from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { orCliError } from '../data-error.js';
import { loadEncoderFolder } from '../load-encoder.js';

export const exportCommand: Command = {
  name: 'export',
  options: { out: 'string', epoch: 'string', backend: 'string' },
  positionals: 1,
  summary: 'write a halp BiGRU as a PyTorch checkpoint the HaLP/CMD references evaluate',
  help: `halp export <encoder folder> --out <checkpoint.pth.tar> [--epoch N]

Writes torch.save({'epoch', 'state_dict'}) with the query encoder under the references' names
(encoder_q.encoder.gru.weight_ih_l0, …, encoder_q.fc…, encoder_q.input_norm…), float32 on the CPU:
their linear evaluation loads it as its pretrained model (load_state_dict(strict=False)). Their GRU
steps frame by frame: an encoder pretrained with 'halp pretrain --encoder.stepping reference'
computes the same features there; one trained bidirectionally does not. --backend (default wasm) holds the weights meanwhile.`,
  async run(args, output) {
    const [folder, extra] = args.positionals;
    const out = stringOption(args, 'out');
    if (folder === undefined || extra !== undefined || out === undefined) {
      throw new CliError('usage: halp export <encoder folder> --out <checkpoint.pth.tar>');
    }
    await selectBackend({
      preference: stringOption(args, 'backend', 'wasm'),
      log: (line) => output.err(`${line}\n`),
    });
    const encoder = await loadEncoderFolder(folder);
    try {
      if (encoder.kind !== 'bigru')
        throw new CliError(`${folder}: a ${encoder.kind} encoder; only BiGRUs are exported`);
      if (encoder.config.stepping !== 'reference') {
        output.err(
          `${folder}: trained with ${encoder.config.stepping} stepping; the reference runs its GRU frame by frame\n`,
        );
      }
      orCliError(await writeReferenceCheckpointFile(out, encoder, integerOption(args, 'epoch', 0))());
      output.out(`checkpoint: ${out}\n`);
    } finally {
      disposeEncoder(encoder);
    }
  },
};
