import type * as tf from '@tensorflow/tfjs-core';
import { assembleHead, headVariableSpecs } from '../head.js';
import { type VariableSpec, xavierBound } from '../variable-spec.js';
import { imageFeatureSize } from './image-config.js';
import type {
  ConvolutionVariables,
  ImageEncoder,
  ImageEncoderConfig,
  ImageStreamVariables,
} from './image-encoder.js';

const STREAMS = ['position', 'motion'] as const;

/** One convolution's place in the network: kernel size and channels in and out. */
interface ConvolutionShape {
  readonly name: string;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly inputChannels: number;
  readonly outputChannels: number;
}

/**
 * HCN's convolutions, in the fixed order: per stream (position, then motion) conv1 1×1 over the
 * coordinates, conv2 3×1 over time, conv3 3×3 over the image whose channels are the joints, conv4
 * 3×3; then conv5 and conv6 3×3 over the concatenated streams.
 */
function convolutionShapes(config: ImageEncoderConfig): ConvolutionShape[] {
  const shape = (name: string, size: [number, number], channels: [number, number]): ConvolutionShape => ({
    name,
    kernelHeight: size[0],
    kernelWidth: size[1],
    inputChannels: channels[0],
    outputChannels: channels[1],
  });
  const streams = STREAMS.flatMap((stream) => [
    shape(`${stream}/conv1`, [1, 1], [config.inputChannels, config.pointChannels]),
    shape(`${stream}/conv2`, [3, 1], [config.pointChannels, config.pointFeatures]),
    shape(`${stream}/conv3`, [3, 3], [config.joints, config.cooccurrenceChannels]),
    shape(`${stream}/conv4`, [3, 3], [config.cooccurrenceChannels, config.streamChannels]),
  ]);
  return [
    ...streams,
    shape('fusion/conv5', [3, 3], [2 * config.streamChannels, config.fusionChannels]),
    shape('fusion/conv6', [3, 3], [config.fusionChannels, config.outputChannels]),
  ];
}

/**
 * Every variable of an image encoder, in the fixed order: the convolutions of
 * {@link convolutionShapes} (kernel, then bias), then the head.
 *
 * The initialisation is the reference's (Skeleton-Contrast's HCN runs its `weights_init` over every
 * layer it builds):
 * - convolution kernels Xavier-uniform over PyTorch's [C_out, C_in, kh, kw] weight, a = √(6 / (fan_in
 *   + fan_out)) with fan_in = C_in·kh·kw and fan_out = C_out·kh·kw; convolution biases 0;
 * - the head's last Linear (HCN's `fc`, built and initialised with the encoder): Xavier kernel, bias 0;
 * - the MLP's hidden Linear (attached afterwards by the MoCo builder): PyTorch's defaults, kernel and
 *   bias U(−1/√F, 1/√F), as {@link headVariableSpecs} gives them.
 */
export function imageVariableSpecs(config: ImageEncoderConfig): VariableSpec[] {
  const convolutions = convolutionShapes(config).flatMap((conv): VariableSpec[] => {
    const area = conv.kernelHeight * conv.kernelWidth;
    const bound = xavierBound(conv.inputChannels * area, conv.outputChannels * area);
    return [
      {
        name: `${conv.name}/kernel`,
        shape: [conv.kernelHeight, conv.kernelWidth, conv.inputChannels, conv.outputChannels],
        trainable: true,
        init: { kind: 'uniform', bound },
      },
      {
        name: `${conv.name}/bias`,
        shape: [conv.outputChannels],
        trainable: true,
        init: { kind: 'constant', value: 0 },
      },
    ];
  });
  const finalBias = config.head === 'linear' ? 'head/bias' : 'head/outputBias';
  const head = headVariableSpecs(config.head, imageFeatureSize(config), config.embeddingSize).map(
    (spec): VariableSpec =>
      spec.name === finalBias ? { ...spec, init: { kind: 'constant', value: 0 } } : spec,
  );
  return [...convolutions, ...head];
}

/**
 * Builds an image encoder whose variables come from `variableFor`, called once per spec in the order
 * of {@link imageVariableSpecs} (init draws from a generator; loading reads decoded weights).
 */
export function assembleImageEncoder(
  config: ImageEncoderConfig,
  variableFor: (spec: VariableSpec) => tf.Variable,
): ImageEncoder {
  const variables = imageVariableSpecs(config).map((spec) => ({
    name: spec.name,
    trainable: spec.trainable,
    variable: variableFor(spec),
  }));
  const byName = new Map(variables.map((entry) => [entry.name, entry.variable]));
  const get = (name: string): tf.Variable => byName.get(name)!;
  const convolution = (name: string): ConvolutionVariables => ({
    kernel: get(`${name}/kernel`),
    bias: get(`${name}/bias`),
  });
  const stream = (name: (typeof STREAMS)[number]): ImageStreamVariables => ({
    conv1: convolution(`${name}/conv1`),
    conv2: convolution(`${name}/conv2`),
    conv3: convolution(`${name}/conv3`),
    conv4: convolution(`${name}/conv4`),
  });
  return {
    kind: 'image',
    config,
    position: stream('position'),
    motion: stream('motion'),
    fusion: { conv5: convolution('fusion/conv5'), conv6: convolution('fusion/conv6') },
    head: assembleHead(config.head, get),
    variables,
  };
}
