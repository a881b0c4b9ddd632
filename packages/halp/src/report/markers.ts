import { svgNumber } from './svg-text.js';

/**
 * How a scatter point is drawn: a filled disc, square, triangle or diamond (the shapes that tell
 * groups apart), an ×, or an open circle.
 */
export type Marker = 'dot' | 'square' | 'triangle' | 'diamond' | 'cross' | 'ring';

/** The default radius in pixels of each marker, chosen so that all read as the same size. */
export const DEFAULT_MARKER_SIZE: Readonly<Record<Marker, number>> = {
  dot: 3,
  square: 2.7,
  triangle: 3.6,
  diamond: 3.6,
  cross: 3.5,
  ring: 6,
};

/**
 * One marker centred on (x, y) in pixels; `size` is its radius (half the side of a square, half the
 * arm length of a cross). An `outline` marker is drawn as its contour only (a filled shape's
 * outline; crosses and rings are outlines already), so that two sets of points in the same colours
 * can be told apart.
 */
export function markerSvg(
  marker: Marker,
  x: number,
  y: number,
  colour: string,
  size = DEFAULT_MARKER_SIZE[marker],
  outline = false,
): string {
  const cx = svgNumber(x);
  const cy = svgNumber(y);
  const r = svgNumber(size);
  const paint = outline ? `fill="none" stroke="${colour}" stroke-width="1.2"` : `fill="${colour}"`;
  const shape = (corners: readonly (readonly [number, number])[]) =>
    `<path d="M${corners.map(([dx, dy]) => `${svgNumber(x + dx)} ${svgNumber(y + dy)}`).join('L')}Z" ${paint}/>`;
  switch (marker) {
    case 'dot':
      return `<circle cx="${cx}" cy="${cy}" r="${r}" ${paint}/>`;
    case 'square':
      return shape([
        [-size, -size],
        [size, -size],
        [size, size],
        [-size, size],
      ]);
    case 'triangle':
      return shape([
        [0, -size],
        [size * 0.866, size / 2],
        [-size * 0.866, size / 2],
      ]);
    case 'diamond':
      return shape([
        [0, -size],
        [size, 0],
        [0, size],
        [-size, 0],
      ]);
    case 'ring':
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${colour}" stroke-width="2"/>`;
    case 'cross': {
      const [x0, x1, y0, y1] = [x - size, x + size, y - size, y + size].map(svgNumber);
      return `<path d="M${x0} ${y0}L${x1} ${y1}M${x0} ${y1}L${x1} ${y0}" stroke="${colour}" stroke-width="1.5"/>`;
    }
  }
}
