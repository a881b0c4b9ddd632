/**
 * Motion energy of one body track (`frameCount × jointCount × 3`), the references' criterion for
 * the main actors of a clip: over the frames where the body is present (coordinates not summing
 * to 0), the population standard deviation of x over all those frames and joints, plus that of y,
 * plus that of z:
 *
 *   E = σ(x) + σ(y) + σ(z)
 *
 * A body present in no frame has energy 0.
 */
export function motionEnergy(track: Float64Array, frameCount: number, jointCount: number): number {
  const frameSize = jointCount * 3;
  const present: number[] = [];
  for (let frame = 0; frame < frameCount; frame++) {
    let sum = 0;
    for (let i = frame * frameSize; i < (frame + 1) * frameSize; i++) sum += track[i]!;
    if (sum !== 0) present.push(frame);
  }
  if (present.length === 0) return 0;
  const count = present.length * jointCount;
  let energy = 0;
  for (let axis = 0; axis < 3; axis++) {
    let mean = 0;
    for (const frame of present) {
      for (let joint = 0; joint < jointCount; joint++) mean += track[frame * frameSize + joint * 3 + axis]!;
    }
    mean /= count;
    let variance = 0;
    for (const frame of present) {
      for (let joint = 0; joint < jointCount; joint++) {
        const deviation = track[frame * frameSize + joint * 3 + axis]! - mean;
        variance += deviation * deviation;
      }
    }
    energy += Math.sqrt(variance / count);
  }
  return energy;
}
