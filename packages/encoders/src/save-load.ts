import type * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { encoderArtifacts, encoderFromArtifacts } from './artifacts.js';
import type { Encoder } from './encoder-kinds.js';
import { type EncoderFileError, encoderFileError } from './errors.js';

/**
 * Saves the encoder through any tfjs IOHandler: `tf.io.browserDownloads`, `tf.io.http` (POST),
 * IndexedDB, or `fileSystemHandler` from `@halp/encoders/node`. Rejects when the handler fails.
 */
export async function saveEncoder(encoder: Encoder, handler: tf.io.IOHandler): Promise<tf.io.SaveResult> {
  if (handler.save === undefined) throw new TypeError('saveEncoder: the IOHandler cannot save');
  return handler.save(await encoderArtifacts(encoder));
}

/**
 * Loads an encoder through any tfjs IOHandler (`tf.io.http(url)` in a browser, `fileSystemHandler` in
 * Node). A handler that fails or a file that does not hold a valid encoder gives a Left naming
 * `source` and the field.
 */
export function loadEncoder(
  handler: tf.io.IOHandler,
  source: string,
): TE.TaskEither<EncoderFileError, Encoder> {
  return async () => {
    if (handler.load === undefined)
      return E.left(encoderFileError(source, 'handler', 'a loading IOHandler', 'none'));
    let artifacts: tf.io.ModelArtifacts;
    try {
      artifacts = await handler.load();
    } catch (error) {
      return E.left(encoderFileError(source, 'load', 'readable model artifacts', errorText(error)));
    }
    return encoderFromArtifacts(artifacts, source);
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
