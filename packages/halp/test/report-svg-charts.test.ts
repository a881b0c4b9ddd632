import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISTINCT_COLOURS,
  groupColour,
  lineChart,
  type ScatterPoint,
  scatterPlot,
} from '../src/report/index.js';
import { drawnCoordinates, expectWellFormedSvg, markersIn, viewBox } from './report-svg-checks.js';

/** Any double, including NaN, ±Infinity and huge values, weighted towards ordinary ones. */
const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 1e301),
  },
  { weight: 1, arbitrary: fc.double() },
);
const point = fc.tuple(anyValue, anyValue);
const name = fc.string({ maxLength: 50 });
const plottable = ([x, y]: readonly [number, number]) => Math.abs(x) <= 1e300 && Math.abs(y) <= 1e300;

describe('lineChart', () => {
  it('is a well-formed SVG with every point inside the picture, whatever the data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, points: fc.array(point, { maxLength: 12 }) }), { maxLength: 5 }),
        name,
        (series, title) => {
          const svg = lineChart({ title, xLabel: 'epoch <x>', yLabel: 'loss & co', series });
          expectWellFormedSvg(svg);
          const plotted = series.reduce((total, s) => total + s.points.filter(plottable).length, 0);
          expect(markersIn(svg, 'series')).toHaveLength(plotted);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles constant series, a single point and no series at all', () => {
    const constant = lineChart({
      title: 'c',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          name: 'flat',
          points: [
            [1, 2],
            [2, 2],
            [3, 2],
          ],
        },
      ],
    });
    const single = lineChart({
      title: 's',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name: 'one', points: [[5, 0.25]] }],
    });
    const empty = lineChart({ title: 'e', xLabel: 'x', yLabel: 'y', series: [] });
    for (const svg of [constant, single, empty]) expectWellFormedSvg(svg);
    expect(markersIn(single, 'series')).toHaveLength(1);
    expect(empty).toContain('no data');
    expect(constant).not.toContain('no data');
  });

  it('places points where the data says: x grows to the right, y grows upwards', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          name: 'square',
          points: [
            [1, 1],
            [2, 4],
            [3, 9],
          ],
        },
      ],
    });
    const centres = markersIn(svg, 'series').map((circle) => drawnCoordinates(circle)[0]!);
    expect(centres[0]![0]).toBeLessThan(centres[1]![0]);
    expect(centres[1]![0]).toBeLessThan(centres[2]![0]);
    expect(centres[0]![1]).toBeGreaterThan(centres[1]![1]);
    expect(centres[1]![1]).toBeGreaterThan(centres[2]![1]);
    // Equal x steps map to equal pixel steps.
    expect(centres[2]![0] - centres[1]![0]).toBeCloseTo(centres[1]![0] - centres[0]![0], 1);
  });

  it('breaks the line at a missing value instead of bridging it', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          name: 'gap',
          points: [
            [1, 1],
            [2, 2],
            [3, Number.NaN],
            [4, 1],
            [5, 3],
          ],
        },
      ],
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });

  it('names every series in the legend in its own colour, escaping markup', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        { name: 'HaLP <seed 1>', points: [[1, 1]] },
        { name: 'ISC & friends', points: [[1, 2]] },
      ],
    });
    expect(svg).toContain('HaLP &lt;seed 1&gt;');
    expect(svg).toContain('ISC &amp; friends');
    expect(svg).toContain(`stroke="${groupColour(0)}"`);
    expect(svg).toContain(`stroke="${groupColour(1)}"`);
  });
});

describe('scatterPlot', () => {
  const scatterPoint: fc.Arbitrary<ScatterPoint> = fc.record({
    x: anyValue,
    y: anyValue,
    group: fc.integer({ min: 0, max: 70 }),
    marker: fc.constantFrom('dot' as const, 'cross' as const, 'ring' as const, undefined),
  });

  it('is a well-formed SVG with one marker per plottable point, inside the picture', () => {
    fc.assert(
      fc.property(fc.array(scatterPoint, { maxLength: 80 }), name, (points, title) => {
        const svg = scatterPlot({ title, points });
        expectWellFormedSvg(svg);
        expect(markersIn(svg, 'points')).toHaveLength(points.filter((p) => plottable([p.x, p.y])).length);
      }),
      { numRuns: 200 },
    );
  });

  it('colours points by group and lists the groups by name', () => {
    const svg = scatterPlot({
      title: 'features',
      points: [
        { x: 0, y: 0, group: 0 },
        { x: 1, y: 1, group: 2, marker: 'cross' },
        { x: 2, y: 0, group: 2, marker: 'ring' },
      ],
      groupNames: ['walk', 'sit', 'wave'],
    });
    expectWellFormedSvg(svg);
    expect(svg).toContain('>walk<');
    expect(svg).toContain('>wave<');
    expect(svg).not.toContain('>sit<');
    const points = markersIn(svg, 'points');
    expect(points[0]).toContain(`fill="${groupColour(0)}"`);
    expect(points[1]).toContain(`stroke="${groupColour(2)}"`);
    expect(points[2]).toContain('fill="none"');
  });

  it('widens the picture for a 60-class legend instead of squeezing the plot, keeping it inside', () => {
    const points = Array.from({ length: 60 }, (_, group) => ({ x: group % 7, y: group % 11, group }));
    const groupNames = points.map((_, group) => `A${group + 1} a rather long action name`);
    const svg = scatterPlot({ title: 'NTU-60 classes', points, groupNames, width: 720 });
    expectWellFormedSvg(svg);
    expect(viewBox(svg).width).toBeGreaterThan(720);
    const xs = markersIn(svg, 'points').map((marker) => drawnCoordinates(marker)[0]![0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(300);
  });

  it('rejects a picture size that leaves no room for a plot', () => {
    expect(() => scatterPlot({ title: 't', points: [], height: 100 })).toThrow(RangeError);
    expect(() => lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [], width: Number.NaN })).toThrow(
      RangeError,
    );
  });
});

describe('groupColour', () => {
  it('has at least 20 distinct colours, and distinct colours for 60 groups', () => {
    expect(DISTINCT_COLOURS).toBeGreaterThanOrEqual(20);
    const colours = Array.from({ length: 60 }, (_, group) => groupColour(group));
    expect(new Set(colours).size).toBe(60);
  });

  it('rejects indices that are not groups', () => {
    expect(() => groupColour(-1)).toThrow(RangeError);
    expect(() => groupColour(1.5)).toThrow(RangeError);
  });
});
