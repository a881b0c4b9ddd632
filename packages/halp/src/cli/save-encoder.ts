import { type Encoder, saveEncoder } from '@halp/encoders';
import { fileSystemHandler } from '@halp/encoders/node';

/**
 * Saves an encoder of any kind as halp encoder files (model.json, with the config and its kind, +
 * weights.bin: tfjs model artifacts, read back by `loadEncoder`, not by tf.loadLayersModel) and
 * returns its folder.
 */
export async function saveEncoderFiles(encoder: Encoder, directory: string): Promise<string> {
  await saveEncoder(encoder, fileSystemHandler(directory));
  return directory;
}
