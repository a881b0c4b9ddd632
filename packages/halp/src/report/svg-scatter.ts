import type { LegendEntry } from './legend.js';
import { DEFAULT_MARKER_SIZE, type Marker, markerSvg } from './markers.js';
import { type GroupStyle, groupColour, groupStyle } from './palette.js';
import { frameSvg, noDataSvg, plotFrame, svgDocument } from './plot-frame.js';
import { isPlottable } from './plottable.js';

/** One point of a scatter plot, coloured by its `group` (a non-negative integer). */
export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  readonly group: number;
  /** Default: the group's shape (see `groupStyle`), or 'dot' when the spec's `shapeByGroup` is false. */
  readonly marker?: Marker | undefined;
  /** Marker radius in pixels (default: the marker's own, see `DEFAULT_MARKER_SIZE`). */
  readonly size?: number | undefined;
  /** Draw only the marker's outline (e.g. training points beside filled held-out ones). */
  readonly outline?: boolean | undefined;
}

/** A legend line explaining a marker shape, drawn in grey after the group colours. */
export interface MarkerLegendEntry {
  readonly marker: Marker;
  readonly label: string;
  readonly size?: number | undefined;
  readonly outline?: boolean | undefined;
}

/** What {@link scatterPlot} draws. */
export interface ScatterSpec {
  readonly title: string;
  readonly points: readonly ScatterPoint[];
  /** Legend label of group g is `groupNames[g]`, else "group g". */
  readonly groupNames?: readonly string[] | undefined;
  /**
   * Whether groups also differ by shape (default true: colour alone cannot tell ten or more
   * groups apart). False when the points' markers carry another meaning (then 'dot' by default).
   */
  readonly shapeByGroup?: boolean | undefined;
  /** Explains the marker shapes, when several are used. */
  readonly markerLegend?: readonly MarkerLegendEntry[] | undefined;
  readonly xLabel?: string | undefined;
  readonly yLabel?: string | undefined;
  /** Picture width in pixels (default 720; grows when a long legend needs room). */
  readonly width?: number | undefined;
  /** Picture height in pixels (default 560; at least 180). */
  readonly height?: number | undefined;
}

/** Legends longer than this list the first groups and say how many more there are. */
const MAX_GROUPS_IN_LEGEND = 60;

/**
 * A scatter plot as a standalone SVG document: one marker per point, coloured by group, and shaped
 * by group too unless `shapeByGroup` is false (`groupStyle`: ten colours × four shapes keep 40
 * groups apart), with a legend of the groups present in increasing order. Points are drawn in the
 * order given, so later ones are on top.
 *
 * Points with a coordinate that is not finite (or beyond ±1e300) are skipped; constant coordinates
 * get a widened axis; no plottable points give empty axes saying "no data". Group indices must be
 * non-negative integers and sizes finite.
 */
export function scatterPlot(spec: ScatterSpec): string {
  const points = spec.points.filter((point) => isPlottable(point.x) && isPlottable(point.y));
  const shapeByGroup = spec.shapeByGroup ?? true;
  const legend = [
    ...groupLegend(points, spec.groupNames, shapeByGroup),
    ...markerLegend(spec.markerLegend ?? []),
  ];
  const frame = plotFrame(
    spec.width ?? 720,
    spec.height ?? 560,
    points.map((point) => point.x),
    points.map((point) => point.y),
    legend,
  );
  const markers = points.map((point) => {
    const style = pointStyle(point.group, shapeByGroup);
    return markerSvg(
      point.marker ?? style.marker,
      frame.toX(point.x),
      frame.toY(point.y),
      style.colour,
      point.size,
      point.outline,
    );
  });
  const body = [
    frameSvg(frame, spec, legend),
    `<g class="points" fill-opacity="0.85">${markers.join('')}</g>`,
    points.length === 0 ? noDataSvg(frame) : '',
  ];
  return svgDocument(frame, spec.title, body.join('\n'));
}

function pointStyle(group: number, shapeByGroup: boolean): GroupStyle {
  return shapeByGroup ? groupStyle(group) : { colour: groupColour(group), marker: 'dot' };
}

function groupLegend(
  points: readonly ScatterPoint[],
  names: readonly string[] | undefined,
  shapeByGroup: boolean,
): LegendEntry[] {
  const groups = [...new Set(points.map((point) => point.group))].sort((a, b) => a - b);
  const entries: LegendEntry[] = groups.slice(0, MAX_GROUPS_IN_LEGEND).map((group) => {
    const { colour, marker: swatch } = pointStyle(group, shapeByGroup);
    return {
      label: names?.[group] ?? `group ${group}`,
      colour,
      swatch,
      size: DEFAULT_MARKER_SIZE[swatch] + 1,
    };
  });
  const hidden = groups.length - entries.length;
  return hidden > 0 ? [...entries, { label: `… ${hidden} more`, colour: '#ffffff', swatch: 'dot' }] : entries;
}

function markerLegend(entries: readonly MarkerLegendEntry[]): LegendEntry[] {
  return entries.map((entry) => ({
    label: entry.label,
    colour: '#555555',
    swatch: entry.marker,
    size: entry.size,
    outline: entry.outline,
  }));
}
