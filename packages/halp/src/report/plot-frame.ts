import { type LegendEntry, legendSize, legendSvg } from './legend.js';
import { formatTick, niceTicks } from './nice-ticks.js';
import { escapeXml, svgNumber } from './svg-text.js';

/** The words around a plot. */
export interface PlotLabels {
  readonly title: string;
  readonly xLabel?: string | undefined;
  readonly yLabel?: string | undefined;
}

/**
 * A laid-out chart: the picture size, the plot rectangle in pixels, the axes' ticks, and the maps from
 * data to pixels. Every finite value inside the data range maps inside the plot rectangle.
 */
export interface PlotFrame {
  readonly width: number;
  readonly height: number;
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  readonly toX: (value: number) => number;
  readonly toY: (value: number) => number;
}

const MARGIN = { top: 44, left: 72, bottom: 56, right: 16 };
const LEGEND_GAP = 16;
/** A long legend widens the picture rather than squeezing the plot below this width. */
const MIN_PLOT_WIDTH = 420;
/** Room for the margins and a plot at least 80 px tall. */
const MIN_HEIGHT = MARGIN.top + MARGIN.bottom + 80;
/** Data is mapped this far inside the frame, so that markers on the extreme ticks are not cut by it. */
const INSET = 8;

/**
 * Lays out a chart of about `requestedWidth`×`height` pixels for finite `xs` and `ys`, with `legend`
 * to the right of the plot; the picture grows wider when the legend would leave the plot narrower
 * than {@link MIN_PLOT_WIDTH}. Throws a `RangeError` for a non-finite width or a height below 180 px.
 * Each axis spans nice ticks around its data ([0, 1] when there is none;
 * a constant is widened, see {@link niceTicks}).
 */
export function plotFrame(
  requestedWidth: number,
  height: number,
  xs: readonly number[],
  ys: readonly number[],
  legend: readonly LegendEntry[],
): PlotFrame {
  if (!(Number.isFinite(requestedWidth) && height >= MIN_HEIGHT && Number.isFinite(height))) {
    throw new RangeError(
      `chart size ${requestedWidth}×${height}: need a finite width and a height ≥ ${MIN_HEIGHT}`,
    );
  }
  const legendWidth = legendSize(legend, height - MARGIN.top - MARGIN.bottom).width;
  const legendSpace = legendWidth > 0 ? legendWidth + LEGEND_GAP : 0;
  const width = Math.ceil(
    Math.max(requestedWidth, MARGIN.left + MIN_PLOT_WIDTH + legendSpace + MARGIN.right),
  );
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: width - MARGIN.right - legendSpace,
    bottom: height - MARGIN.bottom,
  };
  const xTicks = ticksFor(xs);
  const yTicks = ticksFor(ys);
  return {
    width,
    height,
    plot,
    xTicks,
    yTicks,
    toX: linearMap(xTicks, plot.left + INSET, plot.right - INSET),
    toY: linearMap(yTicks, plot.bottom - INSET, plot.top + INSET),
  };
}

/** An SVG document of the frame's size on a white background, titled for screen readers. */
export function svgDocument(frame: PlotFrame, title: string, body: string): string {
  return svgPicture(frame.width, frame.height, title, body);
}

/**
 * A standalone SVG document of `width`×`height` pixels on a white background; its `<title>` (what
 * screen readers and tooltips show) is `title`.
 */
export function svgPicture(width: number, height: number, title: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    body,
    '</svg>',
  ].join('\n');
}

/** Title, grid lines, axes with tick labels, axis labels and the legend. */
export function frameSvg(frame: PlotFrame, labels: PlotLabels, legend: readonly LegendEntry[]): string {
  const { plot } = frame;
  const [left, right, top, bottom] = [plot.left, plot.right, plot.top, plot.bottom].map(svgNumber);
  const xStep = tickStep(frame.xTicks);
  const yStep = tickStep(frame.yTicks);
  const xTicks = frame.xTicks.map((tick) => {
    const x = svgNumber(frame.toX(tick));
    return (
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#e6e6e6"/>` +
      `<text x="${x}" y="${svgNumber(plot.bottom + 18)}" text-anchor="middle">${formatTick(tick, xStep)}</text>`
    );
  });
  const yTicks = frame.yTicks.map((tick) => {
    const y = svgNumber(frame.toY(tick));
    return (
      `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#e6e6e6"/>` +
      `<text x="${svgNumber(plot.left - 8)}" y="${svgNumber(frame.toY(tick) + 4)}" text-anchor="end">${formatTick(tick, yStep)}</text>`
    );
  });
  const middleX = svgNumber((plot.left + plot.right) / 2);
  const middleY = svgNumber((plot.top + plot.bottom) / 2);
  return [
    `<text x="${svgNumber(frame.width / 2)}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(labels.title)}</text>`,
    `<g class="axes" font-size="11" fill="#333333">${xTicks.join('')}${yTicks.join('')}</g>`,
    `<rect x="${left}" y="${top}" width="${svgNumber(plot.right - plot.left)}" height="${svgNumber(plot.bottom - plot.top)}" fill="none" stroke="#333333"/>`,
    labels.xLabel === undefined
      ? ''
      : `<text x="${middleX}" y="${svgNumber(frame.height - 14)}" text-anchor="middle" font-size="13">${escapeXml(labels.xLabel)}</text>`,
    labels.yLabel === undefined
      ? ''
      : `<text x="18" y="${middleY}" text-anchor="middle" font-size="13" transform="rotate(-90 18 ${middleY})">${escapeXml(labels.yLabel)}</text>`,
    legendSvg(legend, plot.right + LEGEND_GAP, plot.top, plot.bottom - plot.top),
  ].join('\n');
}

/** A note centred in the plot, for charts without any finite data. */
export function noDataSvg(frame: PlotFrame): string {
  const { plot } = frame;
  return `<text x="${svgNumber((plot.left + plot.right) / 2)}" y="${svgNumber((plot.top + plot.bottom) / 2)}" text-anchor="middle" font-size="14" fill="#888888">no data</text>`;
}

function ticksFor(values: readonly number[]): number[] {
  if (values.length === 0) return niceTicks(0, 1);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return niceTicks(min, max);
}

function tickStep(ticks: readonly number[]): number {
  return ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
}

/** The affine map sending the first tick to `from` and the last to `to`. */
function linearMap(ticks: readonly number[], from: number, to: number): (value: number) => number {
  const low = ticks[0]!;
  const high = ticks[ticks.length - 1]!;
  const scale = (to - from) / (high - low);
  return (value) => from + (value - low) * scale;
}
