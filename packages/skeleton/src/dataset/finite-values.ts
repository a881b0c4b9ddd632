/**
 * Index of the first NaN or ±Infinity in `values`, or −1. One subtraction and comparison per value
 * (x − x is 0 exactly when x is finite), so checking a clip as it is read costs far less than reading it.
 */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i += 1) {
    if (values[i]! - values[i]! !== 0) return i;
  }
  return -1;
}

/** The (c, t, v, m) position of flat index `index` in a C × T × V × M clip. */
export function clipPosition(
  index: number,
  shape: { readonly frames: number; readonly joints: number; readonly bodies: number },
): [number, number, number, number] {
  const body = index % shape.bodies;
  const joint = Math.floor(index / shape.bodies) % shape.joints;
  const frame = Math.floor(index / (shape.bodies * shape.joints)) % shape.frames;
  const channel = Math.floor(index / (shape.bodies * shape.joints * shape.frames));
  return [channel, frame, joint, body];
}
