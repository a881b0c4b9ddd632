/**
 * A Kinect placed around the scene: `yaw` radians around the vertical axis from straight in front
 * of the performer (who faces +z at the origin), `distance` metres away horizontally, lens at
 * `height` metres, aimed at a point 0.9 m above the floor at the origin.
 */
export interface CameraView {
  readonly yaw: number;
  readonly distance: number;
  readonly height: number;
}

/**
 * Maps world points to Kinect v2 camera space (x to the sensor's left, y up, z along the optical
 * axis, right-handed), writing into `target` at `offset`.
 */
export type CameraTransform = (x: number, y: number, z: number, target: Float64Array, offset: number) => void;

const aimHeight = 0.9;

export function cameraTransform(view: CameraView): CameraTransform {
  const origin = [
    view.distance * Math.sin(view.yaw),
    view.height,
    view.distance * Math.cos(view.yaw),
  ] as const;
  const forward = normalize([-origin[0], aimHeight - origin[1], -origin[2]]);
  // left = up × forward, up' = forward × left: an orthonormal right-handed (left, up', forward) frame.
  const left = normalize([forward[2], 0, -forward[0]]);
  const up = [
    forward[1] * left[2] - forward[2] * left[1],
    forward[2] * left[0] - forward[0] * left[2],
    forward[0] * left[1] - forward[1] * left[0],
  ] as const;
  return (x, y, z, target, offset) => {
    const dx = x - origin[0];
    const dy = y - origin[1];
    const dz = z - origin[2];
    target[offset] = dx * left[0] + dy * left[1] + dz * left[2];
    target[offset + 1] = dx * up[0] + dy * up[1] + dz * up[2];
    target[offset + 2] = dx * forward[0] + dy * forward[1] + dz * forward[2];
  };
}

function normalize(v: readonly [number, number, number]): readonly [number, number, number] {
  const length = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / length, v[1] / length, v[2] / length];
}

/** Yaws of `count` cameras spread evenly over [−45°, +45°] (one camera looks from the front). */
export function cameraYaws(count: number): number[] {
  if (count === 1) return [0];
  return Array.from({ length: count }, (_, c) => -Math.PI / 4 + (Math.PI / 2) * (c / (count - 1)));
}
