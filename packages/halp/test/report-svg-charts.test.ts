import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISTINCT_COLOURS,
  DISTINCT_GROUP_STYLES,
  groupColour,
  groupStyle,
  lineChart,
  type ScatterPoint,
  scatterPlot,
  stackedLineCharts,
} from '../src/report/index.js';
import { drawnCoordinates, expectWellFormedSvg, markersIn, viewBox } from './report-svg-checks.js';
import { chartPanels, readLineChart } from './report-svg-read.js';

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

describe('lineChart styles, events and stacked panels', () => {
  const series = [
    {
      name: 'a',
      points: [
        [1, 1],
        [2, 3],
        [3, 2],
      ] as [number, number][],
      colour: '#123456',
      dash: '7 4',
    },
    {
      name: 'b',
      points: [
        [2, 5],
        [3, 6],
      ] as [number, number][],
    },
  ];

  it('draws each series in its colour and dash, titled by its name, and the events inside the plot', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'epoch',
      yLabel: 'y',
      series,
      events: [{ x: 2, label: 'branch' }],
    });
    expectWellFormedSvg(svg);
    const chart = readLineChart(svg);
    expect(chart.series.map((s) => [s.name, s.colour, s.dash])).toEqual([
      ['a', '#123456', '7 4'],
      ['b', groupColour(1), undefined],
    ]);
    chart.series.forEach((read, i) => {
      read.points.forEach(([x, y], j) => {
        expect(x).toBeCloseTo(series[i]!.points[j]![0], 2);
        expect(y).toBeCloseTo(series[i]!.points[j]![1], 2);
      });
    });
    expect(chart.events).toEqual(['branch']);
    expect(chart.legend).toEqual(['a', 'b']);
  });

  it('takes a legend of its own, and stacks panels on one shared x axis', () => {
    const legend = [{ label: 'method', colour: '#000000' }];
    const svg = stackedLineCharts('terms', [
      { title: 'one', xLabel: 'epoch', yLabel: 'u', series, legend, xRange: [0, 10] },
      { title: 'two', xLabel: 'epoch', yLabel: 'v (%)', series: series.slice(1), legend, xRange: [0, 10] },
    ]);
    expectWellFormedSvg(svg);
    const panels = chartPanels(svg).map(readLineChart);
    expect(panels.map((panel) => [panel.title, panel.yLabel, panel.legend])).toEqual([
      ['one', 'u', ['method']],
      ['two', 'v (%)', ['method']],
    ]);
    expect(panels[0]!.xTicks).toEqual(panels[1]!.xTicks);
    expect(Math.max(...panels[0]!.xTicks)).toBeGreaterThanOrEqual(10);
  });
});

describe('scatterPlot', () => {
  const scatterPoint: fc.Arbitrary<ScatterPoint> = fc.record({
    x: anyValue,
    y: anyValue,
    group: fc.integer({ min: 0, max: 70 }),
    marker: fc.constantFrom(
      'dot' as const,
      'square' as const,
      'triangle' as const,
      'diamond' as const,
      'cross' as const,
      'ring' as const,
      undefined,
    ),
    outline: fc.boolean(),
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

describe('groupColour and groupStyle', () => {
  it('gives 60 groups distinct colours', () => {
    const colours = Array.from({ length: 60 }, (_, group) => groupColour(group));
    expect(new Set(colours).size).toBe(60);
  });

  it('tells 20 classes apart by the strong colours and two shapes, and 120 by distinct styles', () => {
    expect(DISTINCT_GROUP_STYLES).toBeGreaterThanOrEqual(20);
    const styles = Array.from({ length: 120 }, (_, group) => groupStyle(group));
    expect(new Set(styles.map((style) => `${style.colour} ${style.marker}`)).size).toBe(120);
    // Within the first 20 classes, no colour repeats with the same shape, and only the
    // DISTINCT_COLOURS strong colours are used.
    const first = styles.slice(0, 20);
    expect(new Set(first.map((style) => style.colour)).size).toBe(Math.min(20, DISTINCT_COLOURS));
    for (const style of first)
      expect(groupColour(first.indexOf(style) % DISTINCT_COLOURS)).toBe(style.colour);
    expect(new Set(first.map((style) => style.marker)).size).toBe(Math.ceil(20 / DISTINCT_COLOURS));
  });

  it('draws each class of a scatter plot in its style, outlines when asked', () => {
    const points = Array.from({ length: 24 }, (_, group) => ({
      x: group,
      y: group % 5,
      group,
      outline: group === 23,
    }));
    const markers = markersIn(scatterPlot({ title: 'classes', points }), 'points');
    markers.forEach((marker, group) => {
      const { colour, marker: shape } = groupStyle(group);
      expect(marker).toContain(colour);
      expect(marker.startsWith(shape === 'dot' ? '<circle' : '<path')).toBe(true);
    });
    expect(markers[23]).toContain('fill="none"');
    expect(markers[22]).not.toContain('fill="none"');
  });

  it('rejects indices that are not groups', () => {
    for (const f of [groupColour, groupStyle]) {
      expect(() => f(-1)).toThrow(RangeError);
      expect(() => f(1.5)).toThrow(RangeError);
    }
  });
});
