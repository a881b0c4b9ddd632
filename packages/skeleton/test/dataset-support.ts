import { inMemoryDataset } from '../src/dataset/index.js';

/** A dataset of `count` tiny clips whose values are their index, labels `index % classes`. */
export function tinyDataset(count: number, classes = 3) {
  const shape = { count, channels: 3, frames: 4, joints: 2, bodies: 1 };
  const clipSize = 3 * 4 * 2;
  return inMemoryDataset({
    data: Float32Array.from({ length: count * clipSize }, (_, i) => Math.floor(i / clipSize)),
    shape,
    validFrames: Int32Array.from({ length: count }, (_, i) => 1 + (i % 4)),
    labels: Int32Array.from({ length: count }, (_, i) => i % classes),
    names: Array.from({ length: count }, (_, i) => `sample${i}`),
  });
}
