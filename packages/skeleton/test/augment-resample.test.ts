import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRandom } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centerCropResize,
  linearResamplePlan,
  pretrainingCrop,
  randomTemporalCropResize,
  resampleFrames,
} from '../src/augment/index.js';
import { clipIndex } from '../src/clip.js';
import { allFinite, clipOf } from './augment-support.js';

/** A one-track clip (1 channel, 1 joint, 1 body) holding `values` over time. */
const track = (values: readonly number[]) =>
  clipOf({ channels: 1, frames: values.length, joints: 1, bodies: 1 }, (t) => values[t]!);

describe('resampleFrames (PyTorch bilinear, align_corners=False, along time)', () => {
  it('upsamples 3 → 5 frames as the source-index formula gives by hand', () => {
    // scale = 3/5; src_j = 0.6·(j + 0.5) − 0.5 = −0.2 (clamped to 0), 0.4, 1.0, 1.6, 2.2 (last frame).
    const [a, b, c] = [1, 10, 100];
    const out = resampleFrames(track([a, b, c]), 0, 3, 5).data;
    const expected = [a, 0.6 * a + 0.4 * b, b, 0.4 * b + 0.6 * c, c];
    expected.forEach((value, j) => {
      expect(out[j]).toBeCloseTo(value, 4);
    });
  });

  it('downsamples 5 → 2 frames as the source-index formula gives by hand', () => {
    // scale = 5/2; src = 2.5·0.5 − 0.5 = 0.75 and 2.5·1.5 − 0.5 = 3.25.
    const x = [3, 7, -2, 8, 5];
    const out = resampleFrames(track(x), 0, 5, 2).data;
    expect(out[0]).toBeCloseTo(0.25 * x[0]! + 0.75 * x[1]!, 5);
    expect(out[1]).toBeCloseTo(0.75 * x[3]! + 0.25 * x[4]!, 5);
  });

  it('is the identity when the length does not change', () => {
    const x = [0.5, -1.25, 3, 4.75];
    expect(Array.from(resampleFrames(track(x), 0, 4, 4).data)).toEqual(x);
  });

  it('keeps a linear-in-time signal linear (in the clamped source index)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (input, output, intercept, slope) => {
          const x = Array.from({ length: input }, (_, t) => intercept + slope * t);
          const out = resampleFrames(track(x), 0, input, output).data;
          for (let j = 0; j < output; j += 1) {
            const source = Math.min(Math.max((input / output) * (j + 0.5) - 0.5, 0), input - 1);
            expect(out[j]).toBeCloseTo(intercept + slope * source, 3);
          }
        },
      ),
    );
  });

  it('plans weights that sum to one and indices inside the input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 128 }), (input, output) => {
        const plan = linearResamplePlan(input, output);
        for (let j = 0; j < output; j += 1) {
          expect(plan.lowerWeight[j]! + plan.upperWeight[j]!).toBeCloseTo(1, 6);
          expect(plan.lower[j]).toBeGreaterThanOrEqual(0);
          expect(plan.upper[j]).toBeLessThan(input);
          expect(plan.upper[j]! - plan.lower[j]!).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('resamples every (channel, joint, body) track independently', () => {
    const shape = { channels: 3, frames: 7, joints: 4, bodies: 2 };
    const clip = clipOf(shape, (i) => Math.sin(i));
    const out = resampleFrames(clip, 2, 4, 9);
    for (let c = 0; c < 3; c += 1) {
      for (let v = 0; v < 4; v += 1) {
        for (let m = 0; m < 2; m += 1) {
          const single = track([2, 3, 4, 5].map((t) => clip.data[clipIndex(clip, c, t, v, m)]!));
          const alone = resampleFrames(single, 0, 4, 9).data;
          // Equal up to which product the fused multiply-add rounds (see resampleFrames): one
          // float32 rounding of a product, at most 2^−24 for values in [−1, 1].
          for (let t = 0; t < 9; t += 1) {
            expect(Math.abs(out.data[clipIndex(out, c, t, v, m)]! - alone[t]!)).toBeLessThanOrEqual(2 ** -24);
          }
        }
      }
    }
  });

  it('rejects windows outside the clip', () => {
    expect(() => resampleFrames(track([1, 2, 3]), 2, 2, 4)).toThrow(RangeError);
    expect(() => resampleFrames(track([1, 2, 3]), 0, 0, 4)).toThrow(RangeError);
  });
});

/** The fixture's input: ((i · 7919) mod 2003 − 1001) / 389 as float32 over the flat (3, T, 25, 2) index. */
const ntuShaped = (frames: number) =>
  clipOf({ channels: 3, frames, joints: 25, bodies: 2 }, (i) => (((i * 7919) % 2003) - 1001) / 389);

const fixture = JSON.parse(
  readFileSync(new URL('./augment-torch-interpolate.json', import.meta.url), 'utf8'),
) as {
  cases: { inputFrames: number; outputFrames: number; output: string }[];
};

describe('resampleFrames against torch.nn.functional.interpolate', () => {
  it('equals PyTorch 2.11 (x86-64, AVX-512) bit for bit on NTU-shaped clips, stored outputs', () => {
    for (const { inputFrames, outputFrames, output } of fixture.cases) {
      const bytes = Buffer.from(output, 'base64');
      const expected = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      expect(resampleFrames(ntuShaped(inputFrames), 0, inputFrames, outputFrames).data).toEqual(expected);
    }
  });

  const hasTorch = spawnSync('python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

  it.skipIf(!hasTorch)(
    'equals the local PyTorch for the reference crop lengths (run when torch is installed)',
    () => {
      const script = `import sys, base64, numpy as np, torch
n = int(sys.argv[1]); i = np.arange(3 * n * 50)
x = (((i * 7919) % 2003 - 1001) / 389).astype(np.float32).reshape(3, n, 25, 2)
t = torch.tensor(x).permute(0, 2, 3, 1).contiguous().view(150, n)[None, :, :, None]
y = torch.nn.functional.interpolate(t, size=(64, 1), mode='bilinear', align_corners=False)
y = y.squeeze(3).squeeze(0).view(3, 25, 2, 64).permute(0, 3, 1, 2).contiguous().numpy().astype('<f4')
print(base64.b64encode(y.tobytes()).decode())`;
      for (const frames of [1, 37, 64, 150, 300]) {
        const result = spawnSync('python3', ['-c', script, String(frames)], { encoding: 'utf8' });
        const bytes = Buffer.from(result.stdout.trim(), 'base64');
        const expected = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
        expect(resampleFrames(ntuShaped(frames), 0, frames, 64).data).toEqual(expected);
      }
    },
  );
});

describe('randomTemporalCropResize', () => {
  /** Valid frames hold their frame number + 1; padding frames hold −1000. */
  const padded = (frames: number, valid: number) =>
    clipOf({ channels: 3, frames, joints: 2, bodies: 2 }, (i) => {
      const t = Math.floor(i / 4) % frames;
      return t < valid ? t + 1 : -1000;
    });

  it('returns C × outputFrames × V × M and never samples frames beyond validFrames', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer(), (valid, seed) => {
        const clip = padded(150, valid);
        const out = randomTemporalCropResize(clip, valid, createRandom(seed));
        expect([out.channels, out.frames, out.joints, out.bodies]).toEqual([3, 64, 2, 2]);
        for (const value of out.data) {
          expect(value).toBeGreaterThanOrEqual(1);
          expect(value).toBeLessThanOrEqual(valid);
        }
      }),
    );
  });

  it('crops at least min(64, valid) frames: the output spans a window that long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (valid, seed) => {
        const out = randomTemporalCropResize(padded(300, valid), valid, createRandom(seed));
        const first = out.data[0]!;
        const last = out.data[clipIndex(out, 0, 63, 0, 0)]!;
        // Frame values are t + 1; a window of L frames resampled to 64 spans (L − 1)·(1 − 1/64)-ish.
        const span = last - first;
        const window = Math.min(64, valid);
        expect(span + 1).toBeGreaterThanOrEqual(window * (1 - 1 / 32) - 1);
      }),
    );
  });

  it('is deterministic given the random state, and varies with it', () => {
    const clip = padded(300, 250);
    const a = randomTemporalCropResize(clip, 250, createRandom(3));
    expect(randomTemporalCropResize(clip, 250, createRandom(3)).data).toEqual(a.data);
    expect(randomTemporalCropResize(clip, 250, createRandom(4)).data).not.toEqual(a.data);
  });

  it('with ratio 1 and exactly 64 valid frames returns those frames unchanged', () => {
    const clip = padded(100, 64);
    const out = randomTemporalCropResize(clip, 64, createRandom(1), {
      ...pretrainingCrop,
      ratioRange: [1, 1],
    });
    expect(out.data).toEqual(padded(64, 64).data);
  });

  it('gives a finite constant clip for empty or NaN-free degenerate valid counts', () => {
    const clip = padded(10, 10);
    for (const valid of [0, -5, 0.5, 1e9]) {
      const out = randomTemporalCropResize(clip, valid, createRandom(2));
      expect(allFinite(out.data)).toBe(true);
    }
    expect(() => randomTemporalCropResize(clip, Number.NaN, createRandom(2))).toThrow(RangeError);
  });
});

describe('centerCropResize', () => {
  it('drops ⌊(1 − ratio)·n/2⌋ frames at each end, as the reference evaluation crop', () => {
    // n = 100, ratio 0.5: start = 25, frames 25..74 are kept; 50 output frames make the
    // resampling the identity.
    const clip = track(Array.from({ length: 120 }, (_, t) => t));
    expect(Array.from(centerCropResize(clip, 100, 0.5, 50).data)).toEqual(
      Array.from({ length: 50 }, (_, t) => t + 25),
    );
    // Python evaluates int((1 − 0.9)·100/2) = int(4.999…) = 4 in doubles: frames 4..95 (92 frames).
    expect(Array.from(centerCropResize(clip, 100, 0.9, 92).data)).toEqual(
      Array.from({ length: 92 }, (_, t) => t + 4),
    );
  });
});
