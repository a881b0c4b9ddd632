import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { motionEnergy } from '../src/prepare/motion-energy.js';
import { selectMainBodies } from '../src/prepare/select-main-bodies.js';
import { parseNtuSkeleton } from '../src/raw/ntu-skeleton.js';
import type { RawSequence } from '../src/raw/raw-sequence.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
const rawDir = path.join(fixtures, 'ntu-raw');

/** Slot `m` = the `m`-th body listed in each frame (the reference's read_xyz). */
function slotTracks(sequence: RawSequence, slots: number): Float64Array[] {
  return Array.from({ length: slots }, (_, slot) => {
    const track = new Float64Array(sequence.frames.length * 75);
    sequence.frames.forEach((frame, t) => {
      const body = frame.bodies[slot];
      if (body !== undefined) track.set(body.joints, t * 75);
    });
    return track;
  });
}

function body(id: string, offset: number, amplitude: number, t: number) {
  const joints = new Float64Array(75).map((_, i) => offset + (i % 3) * 0.1 + amplitude * Math.sin(t + i));
  return { bodyId: id, joints };
}

describe('motionEnergy', () => {
  it('is the sum over x, y, z of the population std over present frames and joints', () => {
    // One joint moving along x between 1 and 3 over two present frames; an empty frame between.
    const track = new Float64Array([1, 0, 5, 0, 0, 0, 3, 0, 5]);
    expect(motionEnergy(track, 3, 1)).toBeCloseTo(1, 12);
    expect(motionEnergy(new Float64Array(9), 3, 1)).toBe(0);
  });
});

describe('selectMainBodies', () => {
  const frames = Array.from({ length: 12 }, (_, t) => ({
    // The calm person A is listed first until frame 6, then second; the lively person B the other way.
    bodies:
      t < 6 ? [body('A', 0, 0.01, t), body('B', 1, 0.5, t)] : [body('B', 1, 0.5, t), body('A', 0, 0.01, t)],
  }));
  const sequence: RawSequence = { file: 'swap', jointCount: 25, frames };

  it('by id, follows each person through the swap and puts the livelier first', () => {
    const { tracks } = selectMainBodies(sequence, { bodyAssignment: 'by-id' });
    frames.forEach((frame, t) => {
      const a = frame.bodies.find((b) => b.bodyId === 'A')!;
      const b = frame.bodies.find((b) => b.bodyId === 'B')!;
      expect([...tracks[0]!.subarray(t * 75, (t + 1) * 75)]).toEqual([...b.joints]);
      expect([...tracks[1]!.subarray(t * 75, (t + 1) * 75)]).toEqual([...a.joints]);
    });
  });

  it('by position (reference), fills slots in listing order, so a track mixes both people', () => {
    const { tracks } = selectMainBodies(sequence);
    const owners = frames.map(
      (frame, t) =>
        frame.bodies.find((b) => b.joints.every((value, i) => value === tracks[0]![t * 75 + i]))?.bodyId,
    );
    expect(new Set(owners)).toEqual(new Set(['A', 'B']));
  });

  it('pads with zero tracks when fewer bodies than asked', () => {
    const single: RawSequence = { file: 'one', jointCount: 25, frames: [{ bodies: [body('A', 0, 0.1, 0)] }] };
    const { tracks } = selectMainBodies(single, { bodyAssignment: 'by-id', maxBodies: 3 });
    expect(tracks).toHaveLength(3);
    expect(tracks[1]!.every((v) => v === 0) && tracks[2]!.every((v) => v === 0)).toBe(true);
  });
});

describe.skipIf(!existsSync(fixtures))('energies of the NTU fixtures', () => {
  const manifest = JSON.parse(readFileSync(path.join(rawDir, 'manifest.json'), 'utf8'));
  type ClipInfo = {
    path: string;
    energy_per_slot: number[];
    selected_slots: number[];
    read_xyz: { sum: number };
  };

  it.each(Object.entries<ClipInfo>(manifest.clips))(
    '%s: energies and selected slots of the reference',
    (_, clip) => {
      const parsed = parseNtuSkeleton(readFileSync(path.join(rawDir, clip.path), 'utf8'), clip.path);
      if (parsed._tag === 'Left') throw new Error(parsed.left.message);
      const slots = slotTracks(parsed.right, 4);
      const frameCount = parsed.right.frames.length;
      slots.forEach((track, slot) => {
        expect(motionEnergy(track, frameCount, 25)).toBeCloseTo(clip.energy_per_slot[slot]!, 9);
      });
      const selected = selectMainBodies(parsed.right);
      expect(selected.tracks).toEqual(clip.selected_slots.map((slot) => slots[slot]));
      const sum = selected.tracks.reduce((total, track) => total + track.reduce((a, b) => a + b, 0), 0);
      expect(sum).toBeCloseTo(clip.read_xyz.sum, 6);
    },
  );
});
