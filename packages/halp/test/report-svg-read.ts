/**
 * Reads a line chart written by `lineChart` (or one panel of `stackedLineCharts`) back into data:
 * the words around it, and each series' points in data units, recovered from the pixel positions
 * through the axes' tick labels — so a test sees what a reader of the picture sees.
 */
export interface ReadSeries {
  readonly name: string;
  readonly colour: string;
  readonly dash: string | undefined;
  /** Data coordinates, in drawing order. */
  readonly points: [number, number][];
}

export interface ReadChart {
  readonly title: string;
  readonly xLabel: string | undefined;
  readonly yLabel: string | undefined;
  readonly xTicks: number[];
  readonly yTicks: number[];
  readonly legend: string[];
  readonly events: string[];
  readonly series: ReadSeries[];
}

const attribute = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The panels of a stacked chart (the document itself for a single chart). */
export function chartPanels(svg: string): string[] {
  const panels = [...svg.matchAll(/<g class="panel"[^>]*>([\s\S]*?)\n<\/g>/g)].map((m) => m[1]!);
  return panels.length > 0 ? panels : [svg];
}

/** An affine map fitted through two (pixel, value) pairs. */
function inverse(pairs: [number, number][]): (pixel: number) => number {
  const [p0, v0] = pairs[0]!;
  const [p1, v1] = pairs[pairs.length - 1]!;
  return (pixel) => v0 + ((pixel - p0) * (v1 - v0)) / (p1 - p0);
}

export function readLineChart(svg: string): ReadChart {
  const axes = /<g class="axes"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
  const texts = [...axes.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)];
  const xPairs: [number, number][] = texts
    .filter(([, attributes]) => attributes.includes('text-anchor="middle"'))
    .map(([tag, , label]) => [Number(attribute(tag, 'x')), Number(label)]);
  const yPairs: [number, number][] = texts
    .filter(([, attributes]) => attributes.includes('text-anchor="end"'))
    .map(([tag, , label]) => [Number(attribute(tag, 'y')) - 4, Number(label)]);
  const toX = inverse(xPairs);
  const toY = inverse(yPairs);
  const textOf = (pattern: RegExp) => {
    const match = pattern.exec(svg);
    return match === null ? undefined : unescapeXml(match[1]!);
  };
  const series = [...svg.matchAll(/<g class="series"><title>([^<]*)<\/title>(.*?)<\/g>/g)].map(
    ([, name, body]): ReadSeries => {
      const polylines = [...body!.matchAll(/<polyline [^>]*\/>/g)].map(([tag]) => tag);
      const circles = [...body!.matchAll(/<circle [^>]*\/>/g)].map(([tag]) => tag);
      const pixels: [number, number][] =
        polylines.length > 0
          ? polylines.flatMap((tag) =>
              attribute(tag, 'points')!
                .split(' ')
                .map((pair) => pair.split(',').map(Number) as [number, number]),
            )
          : circles.map((tag) => [Number(attribute(tag, 'cx')), Number(attribute(tag, 'cy'))]);
      const first = polylines[0] ?? circles[0] ?? '';
      return {
        name: unescapeXml(name!),
        colour: attribute(first, 'stroke') ?? attribute(first, 'fill') ?? '',
        dash: attribute(first, 'stroke-dasharray'),
        points: pixels.map(([x, y]) => [toX(x), toY(y)]),
      };
    },
  );
  const legendBody = /<g class="legend"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  return {
    title: textOf(/<text [^>]*font-size="15" font-weight="bold">([^<]*)<\/text>/) ?? '',
    xLabel: textOf(/<text [^>]*text-anchor="middle" font-size="13">([^<]*)<\/text>/),
    yLabel: textOf(/<text [^>]*font-size="13" transform="rotate[^"]*">([^<]*)<\/text>/),
    xTicks: xPairs.map(([, value]) => value),
    yTicks: yPairs.map(([, value]) => value),
    legend: [...legendBody.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(([, label]) => unescapeXml(label!)),
    events: [...svg.matchAll(/<g class="event">.*?<text [^>]*>([^<]*)<\/text><\/g>/g)].map(([, label]) =>
      unescapeXml(label!),
    ),
    series,
  };
}
