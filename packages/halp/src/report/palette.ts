/**
 * Kelly's colours of maximum contrast (K. L. Kelly, "Twenty-two colors of maximum contrast", 1965)
 * without white, ordered so that the first few are the strongest on a white background.
 */
const KELLY_COLOURS: readonly string[] = [
  '#0067a5', // strong blue
  '#f38400', // vivid orange
  '#008856', // vivid green
  '#be0032', // vivid red
  '#875692', // strong purple
  '#222222', // black
  '#e68fac', // strong purplish pink
  '#882d17', // strong reddish brown
  '#8db600', // vivid yellowish green
  '#604e97', // strong violet
  '#f6a600', // vivid orange yellow
  '#b3446c', // strong purplish red
  '#a1caf1', // very light blue
  '#654522', // deep yellowish brown
  '#e25822', // vivid reddish orange
  '#2b3d26', // dark olive green
  '#848482', // medium grey
  '#f99379', // strong yellowish pink
  '#c2b280', // greyish yellow
  '#dcd300', // vivid greenish yellow
  '#f3c300', // vivid yellow
];

/** Number of colours that are guaranteed to be pairwise distinct and easy to tell apart. */
export const DISTINCT_COLOURS = KELLY_COLOURS.length;

/**
 * The colour of group `index` (a non-negative integer): Kelly's 21 colours first, then hues spaced
 * by the golden angle with alternating lightness, so that even 60 classes get distinct colours
 * (beyond the first 21 they are harder to tell apart). Negative or fractional indices throw.
 */
export function groupColour(index: number): string {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`groupColour: group ${index} is not a non-negative integer`);
  }
  const kelly = KELLY_COLOURS[index];
  if (kelly !== undefined) return kelly;
  const extra = index - KELLY_COLOURS.length;
  const hue = (extra * GOLDEN_ANGLE_DEGREES) % 360;
  const lightness = [38, 55, 30][extra % 3];
  return `hsl(${hue.toFixed(1)}, 70%, ${lightness}%)`;
}

const GOLDEN_ANGLE_DEGREES = 137.50776405003785;
