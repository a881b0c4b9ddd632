import { type Encoder, loadEncoder } from '@halp/encoders';
import { fileSystemHandler } from '@halp/encoders/node';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from './cli-error.js';

/**
 * Loads an encoder saved by `halp pretrain` (a folder with model.json and weights.bin), of any kind:
 * the config saved with it names the kind (BiGRU, graph or image).
 */
export async function loadEncoderFolder(directory: string): Promise<Encoder> {
  const loaded = await loadEncoder(fileSystemHandler(directory), directory)();
  if (E.isLeft(loaded)) throw new CliError(loaded.left.message);
  return loaded.right;
}
