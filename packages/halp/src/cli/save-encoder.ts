import { type BiGruEncoder, saveEncoder } from '@halp/encoders';
import { fileSystemHandler } from '@halp/encoders/node';

/** Saves an encoder in the tfjs model format (model.json + weights.bin) and returns its folder. */
export async function saveEncoderFiles(encoder: BiGruEncoder, directory: string): Promise<string> {
  await saveEncoder(encoder, fileSystemHandler(directory));
  return directory;
}
