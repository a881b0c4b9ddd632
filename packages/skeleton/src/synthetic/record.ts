import type { Random } from '@halp/random';
import type { CameraTransform } from './camera.js';
import type { Performance } from './performance.js';
import { degradeTrack, type SensorModel } from './sensor.js';

const joints = 25;
const bodies = 2;

/**
 * Records a performance with one camera into one clip `target` (C × T × 25 × 2, C-order): camera
 * space, then the sensor's degradation, body m into slot m. Frames after the performance are left
 * as they are (zero in a fresh array).
 */
export function recordClip(
  performance: Performance,
  camera: CameraTransform,
  sensor: SensorModel,
  random: Random,
  target: Float32Array,
  storedFrames: number,
): void {
  const frameStride = joints * bodies;
  const channelStride = storedFrames * frameStride;
  const seen = new Float64Array(performance.frames * joints * 3);
  performance.tracks.forEach((track, m) => {
    for (let i = 0; i < performance.frames * joints; i += 1) {
      camera(track[3 * i]!, track[3 * i + 1]!, track[3 * i + 2]!, seen, 3 * i);
    }
    degradeTrack(seen, performance.frames, sensor, random);
    for (let t = 0; t < performance.frames; t += 1) {
      for (let v = 0; v < joints; v += 1) {
        for (let c = 0; c < 3; c += 1) {
          target[c * channelStride + t * frameStride + v * bodies + m] = seen[(t * joints + v) * 3 + c]!;
        }
      }
    }
  });
}
