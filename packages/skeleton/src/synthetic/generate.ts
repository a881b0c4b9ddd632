import { createRandom, forkRandom, uniform } from '@halp/random';
import type { ProcessedArrays } from '../dataset/in-memory-dataset.js';
import { kinect25 } from '../layouts/kinect25.js';
import { preNormalize } from '../prepare/index.js';
import { type ActionDefinition, syntheticActions } from './actions.js';
import { cameraTransform, cameraYaws } from './camera.js';
import { perform } from './performance.js';
import { createPerformer } from './performer.js';
import { recordClip } from './record.js';
import { kinectLikeSensor, type SensorModel } from './sensor.js';

export interface SyntheticOptions {
  readonly seed: number | string;
  /** Action classes (default: all of {@link syntheticActions}); label = index in this list. */
  readonly actions?: readonly ActionDefinition[];
  /** Number of performers (subjects), ids 1..n (default 10). */
  readonly performers?: number;
  /** Number of cameras, ids 1..n, spread over ±45° yaw (default 3). */
  readonly cameras?: number;
  /** Recordings of every action by every performer (default 2); each is seen by every camera. */
  readonly replications?: number;
  readonly minFrames?: number;
  readonly maxFrames?: number;
  /** Stored frames per clip, padding included (default 300, as NTU). */
  readonly storedFrames?: number;
  readonly sensor?: SensorModel;
  /**
   * Apply the references' `pre_normalization` (`preNormalize`) to every clip, as the processed NTU
   * arrays are (default true); false keeps raw Kinect camera space.
   */
  readonly preNormalized?: boolean;
}

/** Processed arrays plus what the splits need to know about every sample. */
export interface SyntheticDataset extends ProcessedArrays {
  readonly validFrames: Int32Array;
  readonly labels: Int32Array;
  /** Performer (subject) id of each sample, 1-based. */
  readonly performers: Int32Array;
  /** Camera id of each sample, 1-based. */
  readonly cameras: Int32Array;
  readonly classNames: readonly string[];
}

const joints = 25;
const bodies = 2;

/**
 * Generates a synthetic NTU-like action dataset on the Kinect-25 tree: every performer (own bone
 * lengths, tempo, amplitude, handedness, posture) performs every action `replications` times;
 * each performance is recorded by every camera at once (as NTU's three Kinects do), with Kinect-like
 * jitter and joint dropouts per camera. Clips last `minFrames`–`maxFrames` frames at 30 fps,
 * zero-padded to `storedFrames`; two-person actions fill body 1, otherwise it is zero.
 *
 * Clips are rendered in Kinect camera space (metres), as the raw `.skeleton` files hold them, and
 * then pre-normalised exactly as the real data (unless `preNormalized` is false), so the same
 * pipeline serves both. As in processed NTU, pre-normalisation fills the frames after the valid ones
 * by repeating the clip; `validFrames` says where the recording ends. Samples are ordered by name
 * (`S001C…P…R…A…`). Every performance draws from its own fork of the seed, so the same (performer,
 * action, replication) looks the same whatever the dataset size.
 */
export function generateSyntheticDataset(options: SyntheticOptions): SyntheticDataset {
  const { actions, performerCount, cameraCount, replications, minFrames, maxFrames, storedFrames, sensor } =
    resolveOptions(options);
  const root = createRandom(options.seed);
  const performers = Array.from({ length: performerCount }, (_, p) => createPerformer(root, p + 1));
  const yaws = cameraYaws(cameraCount);
  const count = cameraCount * performerCount * replications * actions.length;
  const clipSize = 3 * storedFrames * joints * bodies;
  const data = new Float32Array(count * clipSize);
  const validFrames = new Int32Array(count);
  const labels = new Int32Array(count);
  const performerIds = new Int32Array(count);
  const cameraIds = new Int32Array(count);
  const names: string[] = new Array(count);
  // Name order: camera, performer, replication, action (setup is always 1).
  const sampleIndex = (camera: number, performer: number, replication: number, action: number) =>
    ((camera * performerCount + performer) * replications + replication) * actions.length + action;

  for (let p = 0; p < performerCount; p += 1) {
    for (let r = 0; r < replications; r += 1) {
      for (let a = 0; a < actions.length; a += 1) {
        const random = forkRandom(root, `performance P${p + 1} R${r + 1} A${a + 1}`);
        const performance = perform(actions[a]!, performers[p]!, random, minFrames, maxFrames);
        const distance = uniform(random, 2.4, 3.6);
        const height = uniform(random, 0.6, 1.4);
        for (let c = 0; c < cameraCount; c += 1) {
          const n = sampleIndex(c, p, r, a);
          const camera = cameraTransform({ yaw: yaws[c]!, distance, height });
          const view = forkRandom(random, `camera ${c + 1}`);
          const clip = data.subarray(n * clipSize, (n + 1) * clipSize);
          recordClip(performance, camera, sensor, view, clip, storedFrames);
          if (options.preNormalized ?? true) {
            clip.set(
              preNormalize({ data: clip, channels: 3, frames: storedFrames, joints, bodies }, kinect25).data,
            );
          }
          validFrames[n] = performance.frames;
          labels[n] = a;
          performerIds[n] = p + 1;
          cameraIds[n] = c + 1;
          names[n] = ntuStyleName(1, c + 1, p + 1, r + 1, a + 1);
        }
      }
    }
  }
  return {
    data,
    shape: { count, channels: 3, frames: storedFrames, joints, bodies },
    validFrames,
    labels,
    names,
    performers: performerIds,
    cameras: cameraIds,
    classNames: actions.map((action) => action.name),
  };
}

function resolveOptions(options: SyntheticOptions) {
  const resolved = {
    actions: options.actions ?? syntheticActions,
    performerCount: options.performers ?? 10,
    cameraCount: options.cameras ?? 3,
    replications: options.replications ?? 2,
    minFrames: options.minFrames ?? 40,
    maxFrames: options.maxFrames ?? 300,
    storedFrames: options.storedFrames ?? 300,
    sensor: options.sensor ?? kinectLikeSensor,
  };
  const { performerCount, cameraCount, replications, minFrames, maxFrames, storedFrames } = resolved;
  for (const [name, value] of Object.entries({ performerCount, cameraCount, replications, minFrames })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  if (!(maxFrames >= minFrames && storedFrames >= maxFrames)) {
    throw new RangeError(
      `need minFrames ≤ maxFrames ≤ storedFrames, got ${minFrames}, ${maxFrames}, ${storedFrames}`,
    );
  }
  if (resolved.actions.length === 0) throw new RangeError('need at least one action');
  return resolved;
}

/** `SsssCcccPpppRrrrAaaa`, the NTU naming scheme (without the `.skeleton` suffix). */
export function ntuStyleName(
  setup: number,
  camera: number,
  performer: number,
  replication: number,
  action: number,
) {
  const pad = (value: number) => String(value).padStart(3, '0');
  return `S${pad(setup)}C${pad(camera)}P${pad(performer)}R${pad(replication)}A${pad(action)}`;
}
