import { type Encoder, loadEncoder } from '@halp/encoders';
import { fileSystemHandler } from '@halp/encoders/node';
import { encoderFromImport } from '@halp/torch-checkpoint';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from './cli-error.js';
import { importReferenceFile, isFile } from './reference-file.js';

/**
 * Loads an encoder saved by `halp pretrain` (a folder with model.json and weights.bin), of any kind:
 * the config saved with it names the kind (BiGRU, graph or image). A file is read as a HaLP/CMD
 * reference checkpoint (`checkpoint_0200.pth.tar`): its query encoder of `modality` (CMD's files
 * hold one per modality).
 */
export async function loadEncoderFolder(directory: string, modality = 'joint'): Promise<Encoder> {
  if (await isFile(directory)) {
    const [joint] = await importReferenceFile(directory, undefined, [modality]);
    return encoderFromImport(joint!.imported.encoder, joint!.imported.query);
  }
  const loaded = await loadEncoder(fileSystemHandler(directory), directory)();
  if (E.isLeft(loaded)) throw new CliError(loaded.left.message);
  return loaded.right;
}
