import { dashAttribute, type LegendEntry } from './legend.js';
import { groupColour } from './palette.js';
import { frameSvg, noDataSvg, type PlotFrame, plotFrame, svgDocument, svgPicture } from './plot-frame.js';
import { isPlottable } from './plottable.js';
import { escapeXml, svgNumber } from './svg-text.js';

/** A named curve of (x, y) points, drawn in the order given. */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** Stroke colour (default: `groupColour` of the series' index). */
  readonly colour?: string | undefined;
  /** SVG `stroke-dasharray`, e.g. `"6 4"` (default: solid). */
  readonly dash?: string | undefined;
}

/** A line of the legend: a line swatch in `colour` (dashed as `dash`), then `label`. */
export interface LegendLine {
  readonly label: string;
  readonly colour: string;
  readonly dash?: string | undefined;
}

/** A vertical line across the plot at `x`, labelled at its top (e.g. where runs branch off). */
export interface ChartEvent {
  readonly x: number;
  readonly label: string;
}

/** What {@link lineChart} draws. */
export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** The legend (default: one line per series, with its name, colour and dash). */
  readonly legend?: readonly LegendLine[] | undefined;
  /**
   * False: the legend's room is kept but it is not drawn (a stacked panel below one that shows it,
   * so that their plots stay aligned). Default true.
   */
  readonly showLegend?: boolean | undefined;
  /**
   * Whether series of at most 60 points get a marker on every point (default true; dense curves
   * read better without, and markers would hide dash patterns). Lone points always get one.
   */
  readonly pointMarkers?: boolean | undefined;
  readonly events?: readonly ChartEvent[] | undefined;
  /** The x axis covers at least this range (so that stacked panels share their x axis). */
  readonly xRange?: readonly [number, number] | undefined;
  /** Picture width in pixels (default 720; grows when a long legend needs room). */
  readonly width?: number | undefined;
  /** Picture height in pixels (default 420; at least 180). */
  readonly height?: number | undefined;
}

/** Series with at most this many points also get a marker on every point (e.g. per-epoch curves). */
const MAX_MARKED_POINTS = 60;

/**
 * A line chart as a standalone SVG document: one polyline per series (its own colour and dash, by
 * default `groupColour` of its index, solid), nice ticks on both axes, a legend on the right, and
 * optional vertical event lines. Each series is a `<g class="series">` whose `<title>` is its name
 * (a tooltip in browsers, and what tests read back).
 *
 * Degenerate input never puts `NaN` or `Infinity` into the SVG: points with a coordinate that is
 * not finite (or beyond ±1e300) are skipped and break the line there (a gap, not a bridge); a single
 * point is drawn as a marker; constant values get a widened axis; no plottable points at all give
 * empty axes saying "no data". Events outside ±1e300 are skipped.
 */
export function lineChart(spec: LineChartSpec): string {
  const { frame, body } = lineChartLayers(spec, spec.width ?? 720);
  return svgDocument(frame, spec.title, body);
}

/**
 * Several line charts stacked vertically in one SVG document under a common `title`, e.g. the terms
 * of one objective. Give the panels the same legend and `xRange` so that their x axes line up (the
 * panels are laid out at the widest one's width); `showLegend: false` on the lower ones draws it once.
 */
export function stackedLineCharts(title: string, panels: readonly LineChartSpec[]): string {
  const TITLE_HEIGHT = 34;
  const width = Math.max(
    720,
    ...panels.map((panel) => lineChartLayers(panel, panel.width ?? 720).frame.width),
  );
  let top = TITLE_HEIGHT;
  const parts = panels.map((panel) => {
    const { frame, body } = lineChartLayers(panel, width);
    const part = `<g class="panel" transform="translate(0 ${svgNumber(top)})">\n${body}\n</g>`;
    top += frame.height;
    return part;
  });
  const heading = `<text x="${svgNumber(width / 2)}" y="22" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`;
  return svgPicture(width, Math.ceil(top), title, [heading, ...parts].join('\n'));
}

function lineChartLayers(spec: LineChartSpec, width: number): { frame: PlotFrame; body: string } {
  const segments = spec.series.map((series) => plottableSegments(series.points));
  const points = segments.flat(2);
  const colours = spec.series.map((series, i) => series.colour ?? groupColour(i));
  const legend: LegendEntry[] = (
    spec.legend ??
    spec.series.map((series, i) => ({ label: series.name, colour: colours[i]!, dash: series.dash }))
  ).map((line) => ({ ...line, swatch: 'line' }));
  const events = (spec.events ?? []).filter((event) => isPlottable(event.x));
  const xs = [...points.map(([x]) => x), ...events.map((event) => event.x)];
  if (spec.xRange !== undefined) xs.push(...spec.xRange.filter(isPlottable));
  const frame = plotFrame(
    width,
    spec.height ?? 420,
    xs,
    points.map(([, y]) => y),
    legend,
  );
  const markAll = spec.pointMarkers ?? true;
  const curves = segments.map((pieces, i) => seriesSvg(frame, spec.series[i]!, pieces, colours[i]!, markAll));
  const body = [
    frameSvg(frame, spec, spec.showLegend === false ? [] : legend),
    ...events.map((event) => eventSvg(frame, event)),
    ...curves,
    points.length === 0 ? noDataSvg(frame) : '',
  ];
  return { frame, body: body.join('\n') };
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

function seriesSvg(
  frame: PlotFrame,
  series: LineSeries,
  segments: readonly Point[][],
  colour: string,
  markAll: boolean,
): string {
  const pixels = segments.map((segment) => segment.map(([x, y]) => [frame.toX(x), frame.toY(y)] as const));
  const lines = pixels
    .filter((segment) => segment.length > 1)
    .map(
      (segment) =>
        `<polyline fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round"${dashAttribute(series.dash)} points="${segment
          .map(([x, y]) => `${svgNumber(x)},${svgNumber(y)}`)
          .join(' ')}"/>`,
    );
  const count = pixels.reduce((total, segment) => total + segment.length, 0);
  // A lone point has no line to show it, so it always gets a marker.
  const marked =
    markAll && count <= MAX_MARKED_POINTS
      ? pixels.flat()
      : pixels.filter((segment) => segment.length === 1).flat();
  const markers = marked.map(
    ([x, y]) => `<circle cx="${svgNumber(x)}" cy="${svgNumber(y)}" r="2.5" fill="${colour}"/>`,
  );
  return `<g class="series"><title>${escapeXml(series.name)}</title>${lines.join('')}${markers.join('')}</g>`;
}

function eventSvg(frame: PlotFrame, event: ChartEvent): string {
  const pixel = frame.toX(event.x);
  const x = svgNumber(pixel);
  const { left, right, top, bottom } = frame.plot;
  // The label goes on the side with more room, so that it stays inside the plot.
  const leftHalf = pixel < (left + right) / 2;
  return (
    `<g class="event"><line x1="${x}" y1="${svgNumber(top)}" x2="${x}" y2="${svgNumber(bottom)}" stroke="#555555" stroke-dasharray="3 3"/>` +
    `<text x="${svgNumber(pixel + (leftHalf ? 4 : -4))}" y="${svgNumber(top + 14)}" text-anchor="${leftHalf ? 'start' : 'end'}" font-size="11" fill="#555555">${escapeXml(event.label)}</text></g>`
  );
}
