import type { BiGruEncoderConfig } from '@halp/encoders';

/**
 * One PyTorch tensor that makes up (part of) a halp variable. PyTorch stores Linear and GRU
 * matrices as `W x` ([out, in]); halp computes `x · W` ([in, out]), hence `transpose`.
 */
export interface ReferencePart {
  /** Name inside the reference's `BIGRU` module (`encoder.gru.weight_ih_l0`, `fc.0.weight`). */
  readonly name: string;
  readonly transpose: boolean;
}

/**
 * Where each variable of a halp BiGRU lives in the references' `BIGRU` module (HaLP's and CMD's
 * `moco/GRU.py`), parts placed side by side along the variable's last axis:
 *
 * - `inputNorm/{gamma, beta, runningMean, runningVariance}` ← `input_norm.{weight, bias, running_mean, running_var}`;
 * - `gru/l/inputKernel` [I, 6H] ← [`weight_ih_ll`ᵀ | `weight_ih_ll_reverse`ᵀ], `gru/l/inputBias` ←
 *   [`bias_ih_ll` | `bias_ih_ll_reverse`] (both directions' input projections in one matMul);
 * - `gru/l/forward/recurrent{Kernel, Bias}` ← `weight_hh_ll`ᵀ, `bias_hh_ll`, and `backward` ← the
 *   `_reverse` ones (PyTorch's gate order r, z, n is halp's);
 * - linear head ← `fc.{weight, bias}`; MLP head (`--mlp`) ← `fc.0` (hidden) and `fc.2` (output).
 */
export function referenceBiGruParts(config: BiGruEncoderConfig): Map<string, readonly ReferencePart[]> {
  const parts = new Map<string, readonly ReferencePart[]>();
  const plain = (name: string): ReferencePart[] => [{ name, transpose: false }];
  const matrix = (name: string): ReferencePart[] => [{ name, transpose: true }];
  if (config.batchNorm) {
    parts.set('inputNorm/gamma', plain('input_norm.weight'));
    parts.set('inputNorm/beta', plain('input_norm.bias'));
    parts.set('inputNorm/runningMean', plain('input_norm.running_mean'));
    parts.set('inputNorm/runningVariance', plain('input_norm.running_var'));
  }
  for (let layer = 0; layer < config.numLayers; layer += 1) {
    const gru = (name: string, reverse = false) =>
      `encoder.gru.${name}_l${layer}${reverse ? '_reverse' : ''}`;
    parts.set(`gru/${layer}/inputKernel`, [...matrix(gru('weight_ih')), ...matrix(gru('weight_ih', true))]);
    parts.set(`gru/${layer}/inputBias`, [...plain(gru('bias_ih')), ...plain(gru('bias_ih', true))]);
    parts.set(`gru/${layer}/forward/recurrentKernel`, matrix(gru('weight_hh')));
    parts.set(`gru/${layer}/forward/recurrentBias`, plain(gru('bias_hh')));
    parts.set(`gru/${layer}/backward/recurrentKernel`, matrix(gru('weight_hh', true)));
    parts.set(`gru/${layer}/backward/recurrentBias`, plain(gru('bias_hh', true)));
  }
  if (config.head === 'linear') {
    parts.set('head/kernel', matrix('fc.weight'));
    parts.set('head/bias', plain('fc.bias'));
  } else {
    parts.set('head/hiddenKernel', matrix('fc.0.weight'));
    parts.set('head/hiddenBias', plain('fc.0.bias'));
    parts.set('head/outputKernel', matrix('fc.2.weight'));
    parts.set('head/outputBias', plain('fc.2.bias'));
  }
  return parts;
}
