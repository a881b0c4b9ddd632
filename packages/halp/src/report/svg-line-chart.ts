import type { LegendEntry } from './legend.js';
import { groupColour } from './palette.js';
import { frameSvg, noDataSvg, type PlotFrame, plotFrame, svgDocument } from './plot-frame.js';
import { isPlottable } from './plottable.js';
import { svgNumber } from './svg-text.js';

/** A named curve of (x, y) points, drawn in the order given. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** What {@link lineChart} draws. */
export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Picture width in pixels (default 720; grows when a long legend needs room). */
  readonly width?: number | undefined;
  /** Picture height in pixels (default 420; at least 180). */
  readonly height?: number | undefined;
}

/** Series with at most this many points also get a marker on every point (e.g. per-epoch curves). */
const MAX_MARKED_POINTS = 60;

/**
 * A line chart as a standalone SVG document: one coloured polyline per series (colours from
 * `groupColour`, in series order), nice ticks on both axes, a legend on the right.
 *
 * Degenerate input never puts `NaN` or `Infinity` into the SVG: points with a coordinate that is
 * not finite (or beyond ±1e300) are skipped and break the line there (a gap, not a bridge); a single
 * point is drawn as a marker; constant values get a widened axis; no plottable points at all give
 * empty axes saying "no data".
 */
export function lineChart(spec: LineChartSpec): string {
  const segments = spec.series.map((series) => plottableSegments(series.points));
  const points = segments.flat(2);
  const legend: LegendEntry[] = spec.series.map((series, i) => ({
    label: series.name,
    colour: groupColour(i),
    swatch: 'line',
  }));
  const frame = plotFrame(
    spec.width ?? 720,
    spec.height ?? 420,
    points.map(([x]) => x),
    points.map(([, y]) => y),
    legend,
  );
  const curves = segments.map((pieces, i) => seriesSvg(frame, pieces, groupColour(i)));
  const body = [frameSvg(frame, spec, legend), ...curves, points.length === 0 ? noDataSvg(frame) : ''];
  return svgDocument(frame, body.join('\n'));
}

type Point = readonly [number, number];

/** The runs of consecutive plottable points; an unplottable point ends a run. */
function plottableSegments(points: readonly Point[]): Point[][] {
  const segments: Point[][] = [[]];
  for (const point of points) {
    if (isPlottable(point[0]) && isPlottable(point[1])) segments[segments.length - 1]!.push(point);
    else if (segments[segments.length - 1]!.length > 0) segments.push([]);
  }
  return segments.filter((segment) => segment.length > 0);
}

function seriesSvg(frame: PlotFrame, segments: readonly Point[][], colour: string): string {
  const pixels = segments.map((segment) => segment.map(([x, y]) => [frame.toX(x), frame.toY(y)] as const));
  const lines = pixels
    .filter((segment) => segment.length > 1)
    .map(
      (segment) =>
        `<polyline fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round" points="${segment
          .map(([x, y]) => `${svgNumber(x)},${svgNumber(y)}`)
          .join(' ')}"/>`,
    );
  const count = pixels.reduce((total, segment) => total + segment.length, 0);
  // A lone point has no line to show it, so it always gets a marker.
  const marked =
    count <= MAX_MARKED_POINTS ? pixels.flat() : pixels.filter((segment) => segment.length === 1).flat();
  const markers = marked.map(
    ([x, y]) => `<circle cx="${svgNumber(x)}" cy="${svgNumber(y)}" r="3" fill="${colour}"/>`,
  );
  return `<g class="series">${lines.join('')}${markers.join('')}</g>`;
}
