import { type Encoder, saveEncoder } from '@halp/encoders';
import { fileSystemHandler } from '@halp/encoders/node';

/**
 * Saves an encoder of any kind in the tfjs model format (model.json, with the config and its kind, +
 * weights.bin) and returns its folder.
 */
export async function saveEncoderFiles(encoder: Encoder, directory: string): Promise<string> {
  await saveEncoder(encoder, fileSystemHandler(directory));
  return directory;
}
