import type { Clip, ClipShape } from '../clip.js';

/** Width of one frame of the sequence representation: V · C · M (150 for NTU). */
export function sequenceWidth(clip: Clip): number {
  return clip.joints * clip.channels * clip.bodies;
}

/**
 * The sequence-based representation fed to the BiGRU: a T × (V·C·M) row-major matrix whose frame
 * t is ordered joint-major, then coordinate, then body, i.e. the references'
 * `clip.transpose(1, 2, 0, 3).reshape(T, -1)` (C, T, V, M → T, V, C, M):
 *
 *     sequence[t, (v · C + c) · M + m] = clip[c, t, v, m]
 *
 * Writes into `target` at `offset` when given (to fill one slot of a batch without a copy),
 * otherwise into a new array.
 */
export function toSequence(clip: Clip, target?: Float32Array, offset = 0): Float32Array {
  const size = clip.data.length;
  const output = target ?? new Float32Array(size);
  if (offset < 0 || offset + size > output.length) {
    throw new RangeError(`a sequence of ${size} values does not fit at offset ${offset} of ${output.length}`);
  }
  const { channels, frames, joints, bodies } = clip;
  for (let c = 0; c < channels; c += 1) {
    for (let t = 0; t < frames; t += 1) {
      for (let v = 0; v < joints; v += 1) {
        const source = ((c * frames + t) * joints + v) * bodies;
        const destination = offset + ((t * joints + v) * channels + c) * bodies;
        for (let m = 0; m < bodies; m += 1) output[destination + m] = clip.data[source + m]!;
      }
    }
  }
  return output;
}

/** Inverse of {@link toSequence}: the C × T × V × M clip of a T × (V·C·M) sequence. */
export function fromSequence(sequence: Float32Array, shape: ClipShape): Clip {
  const { channels, frames, joints, bodies } = shape;
  if (sequence.length !== channels * frames * joints * bodies) {
    throw new RangeError(
      `a sequence of ${sequence.length} values is not ${frames} × ${joints * channels * bodies}`,
    );
  }
  const data = new Float32Array(sequence.length);
  for (let t = 0; t < frames; t += 1) {
    for (let v = 0; v < joints; v += 1) {
      for (let c = 0; c < channels; c += 1) {
        const source = ((t * joints + v) * channels + c) * bodies;
        const destination = ((c * frames + t) * joints + v) * bodies;
        for (let m = 0; m < bodies; m += 1) data[destination + m] = sequence[source + m]!;
      }
    }
  }
  return { data, channels, frames, joints, bodies };
}
