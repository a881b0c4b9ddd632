import { expect } from 'vitest';

/** The size declared by the SVG's viewBox. */
export function viewBox(svg: string): { width: number; height: number } {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (match === null) throw new Error('no viewBox');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/**
 * Checks what every chart must satisfy: one root `<svg>` element with a `<title>`, properly nested
 * tags, escaped text, no `NaN`/`Infinity`/`undefined` anywhere, and every drawn coordinate inside the viewBox.
 */
export function expectWellFormedSvg(svg: string): void {
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  expect(svg.startsWith('<svg ')).toBe(true);
  // Titled for screen readers and tooltips: a <title> first inside the root.
  expect(svg).toMatch(/^<svg [^>]*>\n<title>[^<]*<\/title>/);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg.split('<svg').length - 1).toBe(1);
  expect(svg.split('</svg>').length - 1).toBe(1);
  expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  expectNestedTags(svg);
  const { width, height } = viewBox(svg);
  for (const [x, y] of drawnCoordinates(svg)) {
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(width);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(height);
  }
}

/** Every (x, y) an element is placed at: circle centres, line ends, text anchors, polyline and path points. */
export function drawnCoordinates(svg: string): [number, number][] {
  const points: [number, number][] = [];
  for (const [tag] of svg.matchAll(/<(circle|line|text|polyline|path)\b[^>]*>/g)) {
    const attribute = (name: string) => {
      const match = new RegExp(` ${name}="([^"]*)"`).exec(tag);
      return match === null ? undefined : match[1]!;
    };
    const pairs: [string | undefined, string | undefined][] = [
      [attribute('cx'), attribute('cy')],
      [attribute('x'), attribute('y')],
      [attribute('x1'), attribute('y1')],
      [attribute('x2'), attribute('y2')],
    ];
    for (const [x, y] of pairs) if (x !== undefined && y !== undefined) points.push([Number(x), Number(y)]);
    const list = attribute('points') ?? attribute('d');
    if (list !== undefined) {
      const numbers = list.match(/-?[\d.]+(?:e[-+]?\d+)?/g)?.map(Number) ?? [];
      for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i]!, numbers[i + 1]!]);
    }
  }
  return points;
}

function expectNestedTags(svg: string): void {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
    if (closing === '/') expect(open.pop()).toBe(name);
    else if (selfClosing !== '/') open.push(name!);
  }
  expect(open).toEqual([]);
}

/** The marker elements inside the chart's `<g class="points">` or `<g class="series">` groups. */
export function markersIn(svg: string, groupClass: string): string[] {
  const groups = [...svg.matchAll(new RegExp(`<g class="${groupClass}"[^>]*>(.*?)</g>`, 'g'))].map(
    (m) => m[1]!,
  );
  return groups.flatMap((body) => body.match(/<(circle|path)\b[^>]*\/>/g) ?? []);
}
