import { describe, expect, it } from 'vitest';
import { centerCropResize } from '../src/augment/index.js';
import { clipIndex } from '../src/clip.js';
import { inMemoryDataset } from '../src/dataset/index.js';
import {
  generateSyntheticDataset,
  type SyntheticDataset,
  syntheticActions,
  syntheticSplit,
} from '../src/synthetic/index.js';

const small = { seed: 7, performers: 2, cameras: 2, replications: 1 } as const;
const dataset = generateSyntheticDataset(small);
/** Bitwise equality (deep equality of millions of elements is too slow for a test). */
const sameValues = (a: Float32Array, b: Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const clipAt = (data: SyntheticDataset, n: number) => inMemoryDataset(data).clip(n);

describe('generateSyntheticDataset', () => {
  it('has one clip per camera × performer × replication × action, in the processed layout', () => {
    const count = 2 * 2 * 1 * syntheticActions.length;
    expect(syntheticActions.length).toBeGreaterThanOrEqual(12);
    expect(dataset.shape).toEqual({ count, channels: 3, frames: 300, joints: 25, bodies: 2 });
    expect(dataset.data.length).toBe(count * 3 * 300 * 25 * 2);
    expect(dataset.classNames).toEqual(syntheticActions.map((action) => action.name));
    expect(new Set(dataset.labels)).toEqual(new Set(syntheticActions.map((_, label) => label)));
    expect(dataset.data.every((value) => Number.isFinite(value))).toBe(true);
  });

  it('names samples NTU-style, uniquely, in sorted order, consistent with the metadata', () => {
    expect(new Set(dataset.names).size).toBe(dataset.names.length);
    expect([...dataset.names].sort()).toEqual(dataset.names);
    dataset.names.forEach((name, n) => {
      const match = /^S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})$/.exec(name);
      expect(match).not.toBeNull();
      expect(Number(match![2])).toBe(dataset.cameras[n]);
      expect(Number(match![3])).toBe(dataset.performers[n]);
      expect(Number(match![5])).toBe(dataset.labels[n]! + 1);
    });
  });

  it('keeps clip lengths within [minFrames, maxFrames]', () => {
    const bounded = generateSyntheticDataset({
      ...small,
      cameras: 1,
      minFrames: 60,
      maxFrames: 90,
      storedFrames: 100,
    });
    for (const frames of bounded.validFrames) {
      expect(frames).toBeGreaterThanOrEqual(60);
      expect(frames).toBeLessThanOrEqual(90);
    }
    expect(Math.min(...dataset.validFrames)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...dataset.validFrames)).toBeLessThanOrEqual(300);
    expect(() => generateSyntheticDataset({ ...small, minFrames: 50, maxFrames: 40 })).toThrow(RangeError);
    expect(() => generateSyntheticDataset({ ...small, performers: 0 })).toThrow(RangeError);
  });

  it('is deterministic by seed, and another seed gives other clips', () => {
    expect(sameValues(generateSyntheticDataset(small).data, dataset.data)).toBe(true);
    const other = generateSyntheticDataset({ ...small, seed: 8 });
    expect(other.names).toEqual(dataset.names);
    expect(sameValues(other.data, dataset.data)).toBe(false);
  });

  it('renders a performance the same whatever the size of the dataset', () => {
    const larger = generateSyntheticDataset({ ...small, performers: 3 });
    const name = dataset.names[5]!;
    expect(sameValues(clipAt(larger, larger.names.indexOf(name)).data, clipAt(dataset, 5).data)).toBe(true);
  });

  it('is pre-normalised like processed NTU: spine at the origin, right − left shoulder along +x in frame 0', () => {
    for (let n = 0; n < dataset.shape.count; n += 1) {
      const clip = clipAt(dataset, n);
      const at = (c: number, v: number) => clip.data[clipIndex(clip, c, 0, v, 0)]!;
      for (let c = 0; c < 3; c += 1) expect(Math.abs(at(c, 1))).toBeLessThan(1e-6);
      const shoulders = [0, 1, 2].map((c) => at(c, 8) - at(c, 4));
      expect(shoulders[0]).toBeGreaterThan(0.1);
      expect(Math.abs(shoulders[1]!)).toBeLessThan(1e-5);
      expect(Math.abs(shoulders[2]!)).toBeLessThan(1e-5);
    }
  });

  it('in raw camera space puts people 2–4 m in front of the sensor, pads with zeros, and fills body 1 only for two-person actions', () => {
    const raw = generateSyntheticDataset({ ...small, preNormalized: false });
    for (let n = 0; n < raw.shape.count; n += 1) {
      const clip = clipAt(raw, n);
      const depth = clip.data[clipIndex(clip, 2, 0, 1, 0)]!;
      expect(depth).toBeGreaterThan(1.5);
      expect(depth).toBeLessThan(4.5);
      const frames = raw.validFrames[n]!;
      expect(clip.data[clipIndex(clip, 0, frames, 3, 0)]).toBe(0);
      expect(clip.data[clipIndex(clip, 0, frames - 1, 3, 0)]).not.toBe(0);
      const twoPeople = syntheticActions[raw.labels[n]!]!.persons === 2;
      expect(clip.data[clipIndex(clip, 1, 0, 3, 1)] !== 0).toBe(twoPeople);
    }
  });
});

describe('syntheticSplit', () => {
  const larger = generateSyntheticDataset({
    seed: 3,
    performers: 4,
    cameras: 3,
    replications: 1,
    actions: syntheticActions.slice(0, 3),
  });

  it('cross-subject: performers do not cross the split, and every sample is on one side', () => {
    const { train, val } = syntheticSplit(larger, 'xsub');
    expect(train.length + val.length).toBe(larger.shape.count);
    const trainPerformers = new Set(Array.from(train, (n) => larger.performers[n]));
    const valPerformers = new Set(Array.from(val, (n) => larger.performers[n]));
    expect([...trainPerformers].filter((p) => valPerformers.has(p))).toEqual([]);
    expect(trainPerformers.size).toBeGreaterThan(0);
    expect(valPerformers.size).toBeGreaterThan(0);
  });

  it('cross-view: camera 1 is held out', () => {
    const { train, val } = syntheticSplit(larger, 'xview');
    expect(new Set(Array.from(val, (n) => larger.cameras[n]))).toEqual(new Set([1]));
    expect(new Set(Array.from(train, (n) => larger.cameras[n]))).toEqual(new Set([2, 3]));
    expect(new Set([...train, ...val]).size).toBe(larger.shape.count);
  });
});

describe('learnability', () => {
  it('raw-clip 1-NN on the cross-subject split is far above chance', () => {
    const data = generateSyntheticDataset({ seed: 11, performers: 4, cameras: 1, replications: 1 });
    const clips = inMemoryDataset(data);
    const features = Array.from({ length: data.shape.count }, (_, n) => {
      const values = centerCropResize(clips.clip(n), data.validFrames[n]!, 1, 16).data;
      const norm = Math.hypot(...values);
      return values.map((value) => value / norm);
    });
    const { train, val } = syntheticSplit(data, 'xsub');
    let correct = 0;
    for (const query of val) {
      let best = -Infinity;
      let predicted = -1;
      for (const candidate of train) {
        const similarity = features[query]!.reduce(
          (sum, value, i) => sum + value * features[candidate]![i]!,
          0,
        );
        if (similarity > best) [best, predicted] = [similarity, data.labels[candidate]!];
      }
      if (predicted === data.labels[query]) correct += 1;
    }
    expect(correct / val.length).toBeGreaterThan(3 / syntheticActions.length);
  });
});
