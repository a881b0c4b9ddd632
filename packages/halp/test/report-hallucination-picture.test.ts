import { hallucinate } from '@halp/hallucinate';
import { type Matrix, matrix, matrixFromRows, normalize } from '@halp/hypersphere';
import { createRandom, fillNormal } from '@halp/random';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HallucinationScene, hallucinationPicture, hallucinationScatter } from '../src/report/index.js';
import { expectWellFormedSvg, markersIn } from './report-svg-checks.js';

function unitRows(seed: number, rows: number, columns: number): Matrix {
  const data = fillNormal(createRandom(seed), new Float64Array(rows * columns));
  for (let i = 0; i < rows; i += 1)
    data.set(normalize(data.subarray(i * columns, (i + 1) * columns)), i * columns);
  return matrix(rows, columns, data);
}

describe('hallucinationPicture', () => {
  it('draws every prototype, anchor and positive of hallucinate() with the right marker and colour group', () => {
    fc.assert(
      fc.property(
        fc.record({
          prototypes: fc.integer({ min: 2, max: 8 }),
          anchors: fc.integer({ min: 1, max: 5 }),
          positives: fc.integer({ min: 1, max: 6 }),
          dimension: fc.integer({ min: 2, max: 12 }),
          seed: fc.integer(),
        }),
        ({ prototypes: p, anchors: b, positives: g, dimension, seed }) => {
          const prototypes = unitRows(seed, p, dimension);
          const anchors = unitRows(seed + 1, b, dimension);
          const result = hallucinate(
            anchors,
            prototypes,
            { numPositives: g, numClosest: p - 1 },
            createRandom(seed),
          );
          const spec = hallucinationScatter({ ...result, anchors, prototypes });
          const byKind = (marker: string, size?: number) =>
            spec.points.filter(
              (point) => point.marker === marker && (size === undefined || point.size === size),
            );
          const rings = byKind('ring');
          expect(rings.map((point) => point.group)).toEqual(Array.from({ length: p }, (_, k) => k));
          expect(byKind('cross')).toHaveLength(b * g - result.keptCount);
          expect(spec.points).toHaveLength(p + b + b * g);
          // Positives come first, in row order; each takes its anchor's closest prototype as colour.
          spec.points.slice(0, b * g).forEach((point, i) => {
            expect(point.group).toBe(result.anchorClosest[Math.floor(i / g)]);
            expect(point.marker).toBe(result.keep[i] === 1 ? 'dot' : 'cross');
          });
          const svg = hallucinationPicture(anchors, prototypes, result);
          expectWellFormedSvg(svg);
          expect(markersIn(svg, 'points')).toHaveLength(p + b + b * g);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('places an anchor between its positives and the prototypes they move towards', () => {
    // In the plane: prototypes on the axes, one anchor near prototype 0, positives slerped towards 1.
    const scene: HallucinationScene = {
      prototypes: matrixFromRows([
        [1, 0],
        [0, 1],
        [-1, 0],
      ]),
      anchors: matrixFromRows([[Math.cos(0.2), Math.sin(0.2)]]),
      positives: matrixFromRows([
        [Math.cos(0.4), Math.sin(0.4)],
        [Math.cos(1.2), Math.sin(1.2)],
      ]),
      positivesPerAnchor: 2,
      keep: Uint8Array.from([1, 0]),
      anchorClosest: Int32Array.from([0]),
    };
    const spec = hallucinationScatter(scene, createRandom(1));
    const [kept, rejected, anchor, ...prototypes] = spec.points;
    expect(kept).toMatchObject({ group: 0, marker: 'dot' });
    expect(rejected).toMatchObject({ group: 0, marker: 'cross' });
    expect(anchor).toMatchObject({ group: 0, marker: 'dot' });
    expect(prototypes.map((point) => point.group)).toEqual([0, 1, 2]);
    // PCA in 2-D is a rotation (and maybe reflection): distances are preserved.
    const distance = (a: { x: number; y: number }, c: { x: number; y: number }) =>
      Math.hypot(a.x - c.x, a.y - c.y);
    expect(distance(anchor!, prototypes[0]!)).toBeCloseTo(2 * Math.sin(0.1), 8);
    expect(distance(rejected!, prototypes[1]!)).toBeCloseTo(2 * Math.sin((Math.PI / 2 - 1.2) / 2), 8);
  });

  it('rejects inconsistent shapes', () => {
    const prototypes = unitRows(1, 3, 4);
    const anchors = unitRows(2, 2, 4);
    const scene: HallucinationScene = {
      prototypes,
      anchors,
      positives: unitRows(3, 4, 4),
      positivesPerAnchor: 2,
      keep: new Uint8Array(4),
      anchorClosest: Int32Array.from([0, 2]),
    };
    expect(() => hallucinationScatter(scene)).not.toThrow();
    expect(() => hallucinationScatter({ ...scene, positivesPerAnchor: 3 })).toThrow(RangeError);
    expect(() => hallucinationScatter({ ...scene, keep: new Uint8Array(3) })).toThrow(/keep/);
    expect(() => hallucinationScatter({ ...scene, anchorClosest: Int32Array.from([0, 3]) })).toThrow(
      /outside/,
    );
    expect(() => hallucinationScatter({ ...scene, anchors: unitRows(2, 2, 5) })).toThrow(/columns/);
  });
});
