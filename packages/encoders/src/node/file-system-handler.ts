import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

/** File names inside a saved model directory. */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * A tfjs IOHandler for a directory on disk, in the layout `tf.io.http` and `tf.loadLayersModel`
 * expect: `model.json` (`modelTopology`, `format`, `generatedBy`, `convertedBy` and a
 * `weightsManifest` of one group `{ paths: ["weights.bin"], weights: [...] }`) next to `weights.bin`
 * (the raw little-endian float32 values in manifest order). Serve the directory over HTTP and a
 * browser loads it with `tf.io.http(".../model.json")`.
 *
 * Saving is atomic per file (write to a temporary name, then rename), weights first: a
 * `model.json` never points at a half-written `weights.bin`. Loading accepts weight paths that are
 * plain file names inside the directory only.
 */
export function fileSystemHandler(directory: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weightData =
        artifacts.weightData === undefined
          ? new ArrayBuffer(0)
          : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      if (artifacts.modelTopology === undefined) {
        throw new TypeError('fileSystemHandler: artifacts without modelTopology cannot make a model.json');
      }
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      };
      await mkdir(directory, { recursive: true });
      await writeAtomically(join(directory, WEIGHTS_BIN), new Uint8Array(weightData));
      await writeAtomically(join(directory, MODEL_JSON), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weightData.byteLength,
        },
      };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = JSON.parse(await readFile(join(directory, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const path of group.paths) {
            if (basename(path) !== path)
              throw new Error(`weight path ${JSON.stringify(path)} leaves the directory`);
            const bytes = await readFile(join(directory, path));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          }
        }
        return [manifest.flatMap((group) => group.weights), tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

async function writeAtomically(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    // Node's write errors ("ENOSPC: no space left on device, write") do not say which file.
    throw new Error(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
