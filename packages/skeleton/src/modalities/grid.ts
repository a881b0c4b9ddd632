import type { Clip, ClipShape } from '../clip.js';

/**
 * The grid representation fed to graph and image encoders: per body, a channels-last T × V image,
 * i.e. an M × T × V × C row-major array (the references' C, T, V, M clip permuted by (3, 1, 2, 0)):
 *
 *     grid[((m · T + t) · V + v) · C + c] = clip[c, t, v, m]
 *
 * Channels last because that is the layout tfjs convolutions take (NHWC with H = T, W = V, once the
 * bodies are folded into the batch). Writes into `target` at `offset` when given (to fill one slot
 * of a batch without a copy), otherwise into a new array.
 */
export function toGrid(clip: Clip, target?: Float32Array, offset = 0): Float32Array {
  const size = clip.data.length;
  const output = target ?? new Float32Array(size);
  if (offset < 0 || offset + size > output.length) {
    throw new RangeError(`a grid of ${size} values does not fit at offset ${offset} of ${output.length}`);
  }
  const { channels, frames, joints, bodies } = clip;
  for (let c = 0; c < channels; c += 1) {
    for (let t = 0; t < frames; t += 1) {
      for (let v = 0; v < joints; v += 1) {
        const source = ((c * frames + t) * joints + v) * bodies;
        for (let m = 0; m < bodies; m += 1) {
          output[offset + ((m * frames + t) * joints + v) * channels + c] = clip.data[source + m]!;
        }
      }
    }
  }
  return output;
}

/** Inverse of {@link toGrid}: the C × T × V × M clip of an M × T × V × C grid. */
export function fromGrid(grid: Float32Array, shape: ClipShape): Clip {
  const { channels, frames, joints, bodies } = shape;
  if (grid.length !== channels * frames * joints * bodies) {
    throw new RangeError(
      `a grid of ${grid.length} values is not ${bodies} × ${frames} × ${joints} × ${channels}`,
    );
  }
  const data = new Float32Array(grid.length);
  for (let m = 0; m < bodies; m += 1) {
    for (let t = 0; t < frames; t += 1) {
      for (let v = 0; v < joints; v += 1) {
        const source = ((m * frames + t) * joints + v) * channels;
        for (let c = 0; c < channels; c += 1) {
          data[((c * frames + t) * joints + v) * bodies + m] = grid[source + c]!;
        }
      }
    }
  }
  return { data, channels, frames, joints, bodies };
}
