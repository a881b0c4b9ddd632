import type { Clip } from '../clip.js';

/**
 * Source positions of linear resampling from `inputFrames` to `outputFrames` samples, computed as
 * PyTorch 2's `F.interpolate(mode='bilinear', align_corners=False)` computes them on float32 CPU
 * tensors (the references resize a (1, C·V·M, T_crop, 1) tensor to (1, C·V·M, 64, 1)), every step
 * rounded to float32 (⊙ below):
 *
 *     scale = in ⊘ out
 *     src_j = (scale ⊗ (j + ½)) ⊖ ½, clamped below at 0
 *     lower_j = min(⌊src_j⌋, in − 1),  upper_j = lower_j + 1 if lower_j < in − 1 else lower_j
 *     λ_j = clamp(src_j ⊖ lower_j, 0, 1)
 *
 * The output sample is then x[lower_j]·(1 − λ_j) + x[upper_j]·λ_j with one fused multiply-add; see
 * {@link resampleFrames} for which product PyTorch rounds. (PyTorch 1.x computed src_j in double
 * before rounding, which can move λ_j by one float32 ulp.)
 */
export interface LinearResamplePlan {
  readonly lower: Int32Array;
  readonly upper: Int32Array;
  /** λ_j: weight of `upper_j`; `lower_j` gets float32(1 − λ_j). */
  readonly upperWeight: Float32Array;
  readonly lowerWeight: Float32Array;
}

export function linearResamplePlan(inputFrames: number, outputFrames: number): LinearResamplePlan {
  if (!Number.isInteger(inputFrames) || inputFrames < 1) {
    throw new RangeError(`linear resampling needs at least one input frame, got ${inputFrames}`);
  }
  if (!Number.isInteger(outputFrames) || outputFrames < 1) {
    throw new RangeError(`linear resampling needs at least one output frame, got ${outputFrames}`);
  }
  const lower = new Int32Array(outputFrames);
  const upper = new Int32Array(outputFrames);
  const upperWeight = new Float32Array(outputFrames);
  const lowerWeight = new Float32Array(outputFrames);
  const scale = Math.fround(inputFrames / outputFrames);
  for (let j = 0; j < outputFrames; j += 1) {
    const source = Math.max(Math.fround(Math.fround(scale * (j + 0.5)) - 0.5), 0);
    const index = Math.min(Math.floor(source), inputFrames - 1);
    const lambda = Math.min(Math.max(Math.fround(source - index), 0), 1);
    lower[j] = index;
    upper[j] = index < inputFrames - 1 ? index + 1 : index;
    upperWeight[j] = lambda;
    lowerWeight[j] = Math.fround(1 - lambda);
  }
  return { lower, upper, upperWeight, lowerWeight };
}

/**
 * PyTorch's CPU kernel processes the (C·V·M) tracks in SIMD vectors of this many float32 lanes
 * (AVX-512; AVX2's 8 splits 150 tracks the same way) and the remainder one by one.
 */
const simdLanes = 16;

/**
 * Frames `[start, start + length)` of `clip`, linearly resampled along time to `outputFrames`
 * frames with {@link linearResamplePlan}. Every (channel, joint, body) track is resampled
 * independently, exactly as the references' reshape to (C·V·M, T) does.
 *
 * The arithmetic is that of PyTorch 2's float32 CPU kernel on an x86-64 machine with AVX2 or
 * AVX-512, bit for bit (checked on 115 200 outputs of PyTorch 2.11 for NTU-shaped clips): tracks in
 * whole SIMD vectors compute fma(a, 1 − λ, b ⊗ λ), the remaining C·V·M mod 16 tracks (the last 6 of
 * 150) fma(b, λ, a ⊗ (1 − λ)). Both are within one float32 rounding of the exact value.
 */
export function resampleFrames(clip: Clip, start: number, length: number, outputFrames: number): Clip {
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(length) || start + length > clip.frames) {
    throw new RangeError(
      `frames [${start}, ${start + length}) are not inside a clip of ${clip.frames} frames`,
    );
  }
  const plan = linearResamplePlan(length, outputFrames);
  const pointsPerFrame = clip.joints * clip.bodies;
  const tracks = clip.channels * pointsPerFrame;
  const vectorTracks = tracks - (tracks % simdLanes);
  const output = new Float32Array(clip.channels * outputFrames * pointsPerFrame);
  const input = clip.data;
  for (let c = 0; c < clip.channels; c += 1) {
    const inputChannel = (c * clip.frames + start) * pointsPerFrame;
    const outputChannel = c * outputFrames * pointsPerFrame;
    // Track index of point p of channel c is c·V·M + p (the references' C, V, M flattening).
    const vectorEnd = Math.min(Math.max(vectorTracks - c * pointsPerFrame, 0), pointsPerFrame);
    for (let j = 0; j < outputFrames; j += 1) {
      const lowerRow = inputChannel + plan.lower[j]! * pointsPerFrame;
      const upperRow = inputChannel + plan.upper[j]! * pointsPerFrame;
      const lowerWeight = plan.lowerWeight[j]!;
      const upperWeight = plan.upperWeight[j]!;
      const outputRow = outputChannel + j * pointsPerFrame;
      // A product of two float32 values is exact in a double, so `a · w + float32(b · w')` rounded
      // once by the float32 store is the fused multiply-add.
      for (let p = 0; p < vectorEnd; p += 1) {
        output[outputRow + p] =
          input[lowerRow + p]! * lowerWeight + Math.fround(input[upperRow + p]! * upperWeight);
      }
      for (let p = vectorEnd; p < pointsPerFrame; p += 1) {
        output[outputRow + p] =
          Math.fround(input[lowerRow + p]! * lowerWeight) + input[upperRow + p]! * upperWeight;
      }
    }
  }
  return {
    data: output,
    channels: clip.channels,
    frames: outputFrames,
    joints: clip.joints,
    bodies: clip.bodies,
  };
}
