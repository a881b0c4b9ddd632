/** Escapes text for SVG content and attribute values (`&`, `<`, `>`, `"`, `'`). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * A pixel coordinate for an SVG attribute, rounded to 0.01 px (smaller steps are invisible and only
 * make files larger). Callers pass finite numbers; a non-finite one is a bug upstream, so it throws
 * rather than writing `NaN` into the picture.
 */
export function svgNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`svgNumber: ${value} is not a finite coordinate`);
  const rounded = Math.round(value * 100) / 100;
  // `-0` would print as "0" anyway; normalising keeps the output stable across platforms.
  return String(rounded === 0 ? 0 : rounded);
}
