import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from './config-problems.js';
import {
  assembleEncoder,
  configProblems,
  type Encoder,
  type EncoderConfig,
  encoderVariableSpecs,
} from './encoder-kinds.js';
import { type EncoderFileError, encoderFileError } from './errors.js';

/** `modelTopology.format` of a saved encoder. */
export const ENCODER_FORMAT = 'halp-encoder';
/** `modelTopology.version`; bumped when the weight names or layouts change. */
export const ENCODER_FORMAT_VERSION = 1;
/** The format name of files written before graph and image encoders existed (BiGRU only); still read. */
const BIGRU_ONLY_FORMAT = 'halp-bigru-encoder';

/** What `modelTopology` of a saved encoder holds (tfjs model artifacts leave this field free; it is not a Keras layer graph, so tf.loadLayersModel cannot read these files). */
export interface EncoderTopology {
  readonly format: typeof ENCODER_FORMAT;
  readonly version: typeof ENCODER_FORMAT_VERSION;
  readonly config: EncoderConfig;
}

/**
 * The encoder as tfjs model artifacts: `modelTopology` is an {@link EncoderTopology}; the weights are
 * every variable (running statistics included) as float32 under its stable name, in the order of
 * `namedVariables`. Any tfjs IOHandler can store them.
 */
export async function encoderArtifacts(encoder: Encoder): Promise<tf.io.ModelArtifacts> {
  const topology: EncoderTopology = {
    format: ENCODER_FORMAT,
    version: ENCODER_FORMAT_VERSION,
    config: encoder.config,
  };
  const { data, specs } = await tf.io.encodeWeights(
    encoder.variables.map(({ name, variable }) => ({ name, tensor: variable })),
  );
  return {
    modelTopology: { ...topology },
    format: ENCODER_FORMAT,
    generatedBy: '@halp/encoders',
    convertedBy: null,
    weightSpecs: specs,
    weightData: data,
  };
}

/**
 * Rebuilds an encoder from model artifacts, checking the topology, the config and every weight's
 * name, dtype and shape before creating any variable. `source` names the origin in errors.
 */
export function encoderFromArtifacts(
  artifacts: tf.io.ModelArtifacts,
  source: string,
): E.Either<EncoderFileError, Encoder> {
  const fail = (field: string, expected: string, found: string) =>
    E.left(encoderFileError(source, field, expected, found));
  const topology = artifacts.modelTopology as Partial<Record<keyof EncoderTopology, unknown>> | undefined;
  if (typeof topology !== 'object' || topology === null || Array.isArray(topology)) {
    return fail('modelTopology', 'an object', describeValue(topology));
  }
  if (topology.format !== ENCODER_FORMAT && topology.format !== BIGRU_ONLY_FORMAT) {
    return fail('modelTopology.format', JSON.stringify(ENCODER_FORMAT), describeValue(topology.format));
  }
  if (topology.version !== ENCODER_FORMAT_VERSION) {
    return fail('modelTopology.version', String(ENCODER_FORMAT_VERSION), describeValue(topology.version));
  }
  const [problem] = configProblems(topology.config);
  if (problem !== undefined) {
    return fail(`modelTopology.config.${problem.field}`, problem.expected, problem.found);
  }
  const config = topology.config as EncoderConfig;
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) {
    return fail('weightsManifest', 'weight specs and data', 'none');
  }
  const specsByName = new Map(artifacts.weightSpecs.map((spec) => [spec.name, spec]));
  const expected = encoderVariableSpecs(config);
  for (const spec of expected) {
    const saved = specsByName.get(spec.name);
    if (saved === undefined)
      return fail(`weights["${spec.name}"]`, `a weight of shape [${spec.shape}]`, 'none');
    if (saved.dtype !== 'float32')
      return fail(`weights["${spec.name}"].dtype`, 'float32', describeValue(saved.dtype));
    if (!tf.util.arraysEqual(saved.shape, [...spec.shape])) {
      return fail(`weights["${spec.name}"].shape`, `[${spec.shape}]`, `[${saved.shape}]`);
    }
  }
  const expectedNames = new Set(expected.map((spec) => spec.name));
  const extra = artifacts.weightSpecs.find((spec) => !expectedNames.has(spec.name));
  if (extra !== undefined) return fail('weights', `only the weights of this config`, `"${extra.name}"`);
  const byteLength = artifacts.weightSpecs.reduce((sum, spec) => sum + float32ByteLength(spec.shape), 0);
  const weightData = new tf.io.CompositeArrayBuffer(artifacts.weightData);
  if (weightData.byteLength !== byteLength) {
    return fail('weightData', `${byteLength} bytes`, `${weightData.byteLength} bytes`);
  }
  const badValue = valueProblem(weightData, artifacts.weightSpecs);
  if (badValue !== undefined) return fail(badValue.field, badValue.expected, badValue.found);
  const tensors = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  const encoder = assembleEncoder(config, (spec) => tf.variable(tensors[spec.name]!, spec.trainable));
  for (const tensor of Object.values(tensors)) tensor.dispose();
  return E.right(encoder);
}

/**
 * A non-finite weight, or a negative running variance (its square root normalises the inputs at
 * evaluation), would turn every output into NaN: refuse them at load time. The values are read from
 * the float32 bytes themselves (laid out in the order of the specs), before any tensor exists, so
 * that loading needs no read-back from the backend (WebGPU under Node has no synchronous one).
 */
function valueProblem(
  weightData: tf.io.CompositeArrayBuffer,
  specs: readonly tf.io.WeightsManifestEntry[],
): { field: string; expected: string; found: string } | undefined {
  let offset = 0;
  for (const { name, shape } of specs) {
    const byteLength = float32ByteLength(shape);
    const values = new Float32Array(weightData.slice(offset, offset + byteLength));
    offset += byteLength;
    const minimum = name.endsWith('/runningVariance') ? 0 : Number.NEGATIVE_INFINITY;
    const index = values.findIndex((value) => !(Number.isFinite(value) && value >= minimum));
    if (index >= 0) {
      const expected = minimum === 0 ? 'finite values ≥ 0' : 'finite values';
      return { field: `weights["${name}"]`, expected, found: `${values[index]} at index ${index}` };
    }
  }
  return undefined;
}

function float32ByteLength(shape: readonly number[]): number {
  return 4 * shape.reduce((product, size) => product * size, 1);
}
