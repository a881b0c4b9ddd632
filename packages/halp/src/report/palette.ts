import type { Marker } from './markers.js';

/**
 * Tableau 10 (2016), ten hues chosen to stay apart on white and for the common colour-vision
 * deficiencies, with its light grey replaced by the darker one so that small markers stay visible.
 */
const CATEGORICAL_COLOURS: readonly string[] = [
  '#4e79a7', // blue
  '#f28e2b', // orange
  '#e15759', // red
  '#76b7b2', // teal
  '#59a14f', // green
  '#edc948', // yellow
  '#b07aa1', // purple
  '#ff9da7', // pink
  '#9c755f', // brown
  '#79706e', // grey
];

/** Filled shapes that read apart at marker size; with the colours they tell 40 groups apart. */
const GROUP_SHAPES: readonly Marker[] = ['dot', 'square', 'triangle', 'diamond'];

/** Number of colours that are pairwise easy to tell apart, even small, on white. */
export const DISTINCT_COLOURS = CATEGORICAL_COLOURS.length;

/** Number of groups whose (colour, shape) pairs {@link groupStyle} keeps easy to tell apart. */
export const DISTINCT_GROUP_STYLES = CATEGORICAL_COLOURS.length * GROUP_SHAPES.length;

/** How the points of one group are drawn. */
export interface GroupStyle {
  readonly colour: string;
  readonly marker: Marker;
}

/**
 * The colour and marker shape of group `index` (a non-negative integer), for pictures where shape
 * is free to tell groups apart: colour alone is reliable for about ten categories, so groups 0–9
 * are dots in the ten colours, 10–19 squares in the same colours, then triangles and diamonds, and
 * 40 groups stay distinguishable. Beyond that, {@link groupColour}'s hues with the four shapes in
 * turn keep every style distinct (NTU-120's classes), though harder to tell apart.
 * Negative or fractional indices throw.
 */
export function groupStyle(index: number): GroupStyle {
  checkGroup(index);
  if (index < DISTINCT_GROUP_STYLES) {
    return {
      colour: CATEGORICAL_COLOURS[index % DISTINCT_COLOURS]!,
      marker: GROUP_SHAPES[Math.floor(index / DISTINCT_COLOURS)]!,
    };
  }
  return { colour: groupColour(index), marker: GROUP_SHAPES[index % GROUP_SHAPES.length]! };
}

/**
 * A colour of its own for group `index` (a non-negative integer), for pictures where colour is all
 * that tells groups apart (a method's lines; prototypes drawn with markers of another meaning): the
 * ten categorical colours first, then hues spaced by the golden angle with alternating lightness,
 * distinct but harder to tell apart. Negative or fractional indices throw.
 */
export function groupColour(index: number): string {
  checkGroup(index);
  const categorical = CATEGORICAL_COLOURS[index];
  if (categorical !== undefined) return categorical;
  const extra = index - DISTINCT_COLOURS;
  const hue = (extra * GOLDEN_ANGLE_DEGREES) % 360;
  const lightness = [38, 55, 30][extra % 3];
  return `hsl(${hue.toFixed(1)}, 70%, ${lightness}%)`;
}

function checkGroup(index: number): void {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`group ${index} is not a non-negative integer`);
  }
}

const GOLDEN_ANGLE_DEGREES = 137.50776405003785;
