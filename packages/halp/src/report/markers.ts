import { svgNumber } from './svg-text.js';

/** How a scatter point is drawn: a filled disc, an ×, or an open circle. */
export type Marker = 'dot' | 'cross' | 'ring';

/** The default radius in pixels of each marker, chosen so that all three read as the same size. */
export const DEFAULT_MARKER_SIZE: Readonly<Record<Marker, number>> = { dot: 3, cross: 3.5, ring: 6 };

/** One marker centred on (x, y) in pixels; `size` is its radius (half the arm length of a cross). */
export function markerSvg(
  marker: Marker,
  x: number,
  y: number,
  colour: string,
  size = DEFAULT_MARKER_SIZE[marker],
): string {
  const cx = svgNumber(x);
  const cy = svgNumber(y);
  const r = svgNumber(size);
  switch (marker) {
    case 'dot':
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}"/>`;
    case 'ring':
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${colour}" stroke-width="2"/>`;
    case 'cross': {
      const [x0, x1, y0, y1] = [x - size, x + size, y - size, y + size].map(svgNumber);
      return `<path d="M${x0} ${y0}L${x1} ${y1}M${x0} ${y1}L${x1} ${y0}" stroke="${colour}" stroke-width="1.5"/>`;
    }
  }
}
