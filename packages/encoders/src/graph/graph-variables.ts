import type * as tf from '@tensorflow/tfjs-core';
import { assembleBatchNorm, batchNormVariableSpecs } from '../batch-norm-variables.js';
import { assembleHead, headVariableSpecs } from '../head.js';
import type { VariableInit, VariableSpec } from '../variable-spec.js';
import type { NamedVariable } from '../variables.js';
import type {
  GraphBlockVariables,
  GraphEncoder,
  GraphEncoderConfig,
  GraphResidual,
  NormalisedConvVariables,
  PointwiseConvVariables,
} from './graph-encoder.js';
import { PARTITION_SUBSETS, spatialPartition } from './spatial-partition.js';

/** The attention embeddings have C_out / 4 channels (2s-AGCN's `coff_embedding`). */
export const ATTENTION_CHANNEL_DIVISOR = 4;

/** The reference starts the graph convolution's BatchNorm scale at 1e-6 (`bn_init(self.bn, 1e-6)`). */
const GRAPH_CONV_NORM_SCALE = 1e-6;
/** …and the learned adjacency offset B_k at 1e-6 (`nn.init.constant_(self.PA, 1e-6)`). */
const ADJACENCY_OFFSET_INIT = 1e-6;

/** Input and output channels of every block. */
export function blockChannels(config: GraphEncoderConfig): { input: number; output: number }[] {
  return config.blocks.map((block, b) => ({
    input: b === 0 ? config.inputChannels : config.blocks[b - 1]!.channels,
    output: block.channels,
  }));
}

/** Which residual block b has: none for the first (as the reference's `l1`), else identity or projection. */
export function residualKind(config: GraphEncoderConfig, b: number): GraphResidual['kind'] {
  if (b === 0) return 'none';
  const { input, output } = blockChannels(config)[b]!;
  return input === output && config.blocks[b]!.stride === 1 ? 'identity' : 'projection';
}

/**
 * Every variable of a graph encoder, in the fixed order used everywhere: input norm, blocks bottom-up
 * (graph convolution: adjacency offset and attention embeddings when adaptive, the stacked
 * per-partition kernel, its norm, the `down` projection; temporal convolution; residual), head.
 *
 * Initialisation follows the reference, whose draws are normal; ours are uniform with the same
 * variance (U(−√3σ, √3σ)), since every draw here is uniform or constant:
 * - convolutions: kaiming-normal with fan-out, σ² = 2 / (C_out · kernel size), bias 0;
 * - the per-partition kernels W_k: σ² = 2 / (C_out · C_in · K) (`conv_branch_init`), biases 0;
 * - the adjacency offset B_k: 1e-6 everywhere;
 * - BatchNorm γ = 1, β = 0, except the graph convolution's γ = 1e-6, so every block starts close to
 *   its residual path;
 * - head: as `headVariableSpecs` (Xavier; the reference draws its final Linear from N(0, 2 / E)).
 */
export function graphVariableSpecs(config: GraphEncoderConfig): VariableSpec[] {
  const { joints, bodies, inputChannels, temporalKernel } = config;
  const k = PARTITION_SUBSETS;
  const specs: VariableSpec[] = [...batchNormVariableSpecs('inputNorm', bodies * joints * inputChannels)];
  const weights = (name: string, shape: number[], variance: number) =>
    specs.push({ name, shape, trainable: true, init: uniformWithVariance(variance) });
  const constant = (name: string, shape: number[], value: number) =>
    specs.push({ name, shape, trainable: true, init: { kind: 'constant', value } });
  /** A convolution as a [rows, C_out] kernel and a zero bias. */
  const conv = (prefix: string, rows: number, output: number, variance: number) => {
    weights(`${prefix}/kernel`, [rows, output], variance);
    constant(`${prefix}/bias`, [output], 0);
  };
  /** Kaiming-normal variance with fan-out: 2 / (C_out · frames spanned). */
  const kaiming = (output: number, span = 1) => 2 / (output * span);

  blockChannels(config).forEach(({ input, output }, b) => {
    const block = `blocks/${b}`;
    if (config.adaptive) {
      const embedding = Math.floor(output / ATTENTION_CHANNEL_DIVISOR);
      constant(`${block}/graphConv/adjacencyOffset`, [k, joints, joints], ADJACENCY_OFFSET_INIT);
      // Kaiming fan-out of one partition's embedding (the reference has K separate convolutions).
      conv(`${block}/graphConv/receiving`, input, k * embedding, kaiming(embedding));
      conv(`${block}/graphConv/sending`, input, k * embedding, kaiming(embedding));
    }
    weights(`${block}/graphConv/kernel`, [k * input, output], 2 / (output * input * k));
    constant(`${block}/graphConv/bias`, [k, output], 0);
    specs.push(
      ...batchNormVariableSpecs(`${block}/graphConv/norm`, output).map((spec) =>
        spec.name.endsWith('/gamma')
          ? { ...spec, init: { kind: 'constant' as const, value: GRAPH_CONV_NORM_SCALE } }
          : spec,
      ),
    );
    if (input !== output) {
      conv(`${block}/graphConv/down`, input, output, kaiming(output));
      specs.push(...batchNormVariableSpecs(`${block}/graphConv/down/norm`, output));
    }
    conv(`${block}/temporalConv`, temporalKernel * output, output, kaiming(output, temporalKernel));
    specs.push(...batchNormVariableSpecs(`${block}/temporalConv/norm`, output));
    if (residualKind(config, b) === 'projection') {
      conv(`${block}/residual`, input, output, kaiming(output));
      specs.push(...batchNormVariableSpecs(`${block}/residual/norm`, output));
    }
  });
  specs.push(...headVariableSpecs(config.head, config.blocks.at(-1)!.channels, config.embeddingSize));
  return specs;
}

/**
 * Builds a graph encoder whose variables come from `variableFor`, called once per spec in the order of
 * {@link graphVariableSpecs} (init draws from a generator; loading reads decoded weights).
 */
export function assembleGraphEncoder(
  config: GraphEncoderConfig,
  variableFor: (spec: VariableSpec) => tf.Variable,
): GraphEncoder {
  const variables: NamedVariable[] = graphVariableSpecs(config).map((spec) => ({
    name: spec.name,
    trainable: spec.trainable,
    variable: variableFor(spec),
  }));
  const byName = new Map(variables.map((entry) => [entry.name, entry.variable]));
  const get = (name: string): tf.Variable => byName.get(name)!;
  const pointwise = (prefix: string): PointwiseConvVariables => ({
    kernel: get(`${prefix}/kernel`),
    bias: get(`${prefix}/bias`),
  });
  const normalised = (prefix: string): NormalisedConvVariables => ({
    ...pointwise(prefix),
    norm: assembleBatchNorm(`${prefix}/norm`, get),
  });

  const blocks = blockChannels(config).map(({ input, output }, b): GraphBlockVariables => {
    const block = `blocks/${b}`;
    const residual = residualKind(config, b);
    return {
      stride: config.blocks[b]!.stride,
      graphConv: {
        adaptive: config.adaptive
          ? {
              offset: get(`${block}/graphConv/adjacencyOffset`),
              receiving: pointwise(`${block}/graphConv/receiving`),
              sending: pointwise(`${block}/graphConv/sending`),
            }
          : null,
        conv: pointwise(`${block}/graphConv`),
        norm: assembleBatchNorm(`${block}/graphConv/norm`, get),
        down: input === output ? null : normalised(`${block}/graphConv/down`),
      },
      temporalConv: normalised(`${block}/temporalConv`),
      residual:
        residual === 'projection'
          ? { kind: residual, conv: normalised(`${block}/residual`) }
          : { kind: residual },
    };
  });
  const partition = Float32Array.from(spatialPartition(config.joints, config.edges, config.center).flat(2));
  return {
    kind: 'graph',
    config,
    partition,
    inputNorm: assembleBatchNorm('inputNorm', get),
    blocks,
    head: assembleHead(config.head, get),
    variables,
  };
}

/** U(−a, a) with variance a² / 3 = `variance`. */
function uniformWithVariance(variance: number): VariableInit {
  return { kind: 'uniform', bound: Math.sqrt(3 * variance) };
}
