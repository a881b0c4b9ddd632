import { type Marker, markerSvg } from './markers.js';
import { escapeXml, svgNumber } from './svg-text.js';

/** One legend line: a swatch (a line segment or a marker) in `colour`, then `label`. */
export interface LegendEntry {
  readonly label: string;
  readonly colour: string;
  readonly swatch: 'line' | Marker;
  /** Marker radius in pixels (markers only). */
  readonly size?: number | undefined;
  /** SVG `stroke-dasharray` of a line swatch (solid when absent). */
  readonly dash?: string | undefined;
  /** Draw a marker swatch as its outline only (see `markerSvg`). */
  readonly outline?: boolean | undefined;
}

/** Width and height in pixels a legend needs when it may be at most `maxHeight` tall. */
export interface LegendSize {
  readonly width: number;
  readonly height: number;
}

const LINE_HEIGHT = 18;
const SWATCH_WIDTH = 30;
/** Rough advance of one character at the 12 px font: SVG cannot measure text, so estimate. */
const CHARACTER_WIDTH = 6.8;
const MAX_LABEL_CHARACTERS = 36;
const COLUMN_GAP = 14;

/**
 * The space a legend of `entries` takes: as many columns of {@link LINE_HEIGHT}-px lines as needed to
 * stay within `maxHeight` (so that 60 classes still fit beside a plot). No entries take no space.
 */
export function legendSize(entries: readonly LegendEntry[], maxHeight: number): LegendSize {
  if (entries.length === 0) return { width: 0, height: 0 };
  const { rowsPerColumn, columns } = legendGrid(entries.length, maxHeight);
  return { width: columns * columnWidth(entries) - COLUMN_GAP, height: rowsPerColumn * LINE_HEIGHT };
}

/** The legend of `entries` with its top-left corner at (left, top), laid out as {@link legendSize}. */
export function legendSvg(
  entries: readonly LegendEntry[],
  left: number,
  top: number,
  maxHeight: number,
): string {
  const { rowsPerColumn } = legendGrid(entries.length, maxHeight);
  const width = columnWidth(entries);
  const lines = entries.map((entry, i) => {
    const x = left + Math.floor(i / rowsPerColumn) * width;
    const y = top + (i % rowsPerColumn) * LINE_HEIGHT + LINE_HEIGHT / 2;
    const swatch =
      entry.swatch === 'line'
        ? `<line x1="${svgNumber(x)}" y1="${svgNumber(y)}" x2="${svgNumber(x + SWATCH_WIDTH - 6)}" y2="${svgNumber(y)}" stroke="${entry.colour}" stroke-width="2.5"${dashAttribute(entry.dash)}/>`
        : markerSvg(entry.swatch, x + (SWATCH_WIDTH - 6) / 2, y, entry.colour, entry.size, entry.outline);
    return `${swatch}<text x="${svgNumber(x + SWATCH_WIDTH)}" y="${svgNumber(y + 4)}">${escapeXml(shortLabel(entry.label))}</text>`;
  });
  return `<g class="legend" font-size="12">${lines.join('')}</g>`;
}

/** The `stroke-dasharray` attribute of a dash pattern, or nothing for a solid line. */
export function dashAttribute(dash: string | undefined): string {
  return dash === undefined ? '' : ` stroke-dasharray="${escapeXml(dash)}"`;
}

function legendGrid(count: number, maxHeight: number): { rowsPerColumn: number; columns: number } {
  const rowsPerColumn = Math.max(1, Math.min(count, Math.floor(maxHeight / LINE_HEIGHT)));
  return { rowsPerColumn, columns: Math.ceil(count / rowsPerColumn) };
}

function columnWidth(entries: readonly LegendEntry[]): number {
  const longest = entries.reduce((most, entry) => Math.max(most, shortLabel(entry.label).length), 0);
  return SWATCH_WIDTH + longest * CHARACTER_WIDTH + COLUMN_GAP;
}

function shortLabel(label: string): string {
  return label.length <= MAX_LABEL_CHARACTERS ? label : `${label.slice(0, MAX_LABEL_CHARACTERS - 1)}…`;
}
