// The fused recurrent kernels' names, layouts and ops: tfjs-core only, so that the encoders can call
// them (as `@halp/backend/fused-kernels`) without loading backend selection or Node modules.
import { engine, getBackend, getKernel, type Tensor, type Tensor3D } from '@tensorflow/tfjs-core';

/**
 * A bidirectional GRU layer's recurrence over all frames, forward in time (see
 * `BIGRU_SEQUENCE_LAYOUT`). Inputs: `projections` [T, B, 6H] (x·W_i + b_i of both directions,
 * columns [fwd r | z | n, bwd r | z | n]), `forwardKernel`/`backwardKernel` [H, 3H] and
 * `forwardBias`/`backwardBias` [3H] (U and b_h, gate order r, z, n). Output [T, B, 10H].
 */
export const BIGRU_SEQUENCE_KERNEL = 'HalpBiGruSequence';

/**
 * Backpropagation through time of {@link BIGRU_SEQUENCE_KERNEL}. Inputs: `sequence` (its output),
 * `outputGradient` [T, B, 2H] (dL/d[h_fwd, h_bwd] at each frame), `forwardKernel`, `backwardKernel`.
 * Output [T, B, 10H] (see `BIGRU_SEQUENCE_GRAD_LAYOUT`).
 */
export const BIGRU_SEQUENCE_GRAD_KERNEL = 'HalpBiGruSequenceGrad';

/** The order in which the backward direction reads the frames: T−1 … 0, or 0 … T−1 (the references'). */
export type BiGruStepping = 'bidirectional' | 'reference';

/**
 * Row layout (width 10H) of the sequence kernel's output at each frame and batch row: both hidden
 * states (what the layer outputs), then per direction what the backward pass needs:
 * r, z, n and W_hn·h + b_hn (`recurrentCandidate`).
 */
export const BIGRU_SEQUENCE_LAYOUT = {
  /** [h_fwd | h_bwd] at [0, 2H). */
  hidden: 0,
  /** r, z, n, W_hn·h + b_hn of direction d at [2H + 4H·d, 2H + 4H·(d + 1)). */
  gates: 2,
  width: 10,
} as const;

/**
 * Row layout (width 10H) of the gradient kernel's output: dL/d(input projection) of both directions
 * (what x·W_i + b_i receives, [da_r, da_z, da_n] per direction at [0, 6H)), then da_n ⊙ r of each
 * direction at [6H, 8H) (the candidate part of dL/d(h·U + b_h), the rest being equal), then dL/dh of
 * each direction at [8H, 10H).
 */
export const BIGRU_SEQUENCE_GRAD_LAYOUT = {
  inputProjection: 0,
  recurrentCandidate: 6,
  state: 8,
  width: 10,
} as const;

/** Whether the active tfjs backend has the fused recurrent kernels (halp registers them for WebGPU). */
export function fusedBiGruAvailable(): boolean {
  return getKernel(BIGRU_SEQUENCE_KERNEL, getBackend()) !== undefined;
}

/** Runs {@link BIGRU_SEQUENCE_KERNEL}; not differentiable by itself (the layer's customGrad is). */
export function biGruSequence(
  projections: Tensor3D,
  forwardKernel: Tensor,
  forwardBias: Tensor,
  backwardKernel: Tensor,
  backwardBias: Tensor,
  stepping: BiGruStepping,
): Tensor3D {
  return engine().runKernel(
    BIGRU_SEQUENCE_KERNEL,
    { projections, forwardKernel, forwardBias, backwardKernel, backwardBias },
    { stepping },
  ) as Tensor3D;
}

/** Runs {@link BIGRU_SEQUENCE_GRAD_KERNEL}. */
export function biGruSequenceGrad(
  sequence: Tensor3D,
  outputGradient: Tensor3D,
  forwardKernel: Tensor,
  backwardKernel: Tensor,
  stepping: BiGruStepping,
): Tensor3D {
  return engine().runKernel(
    BIGRU_SEQUENCE_GRAD_KERNEL,
    { sequence, outputGradient, forwardKernel, backwardKernel },
    { stepping },
  ) as Tensor3D;
}
