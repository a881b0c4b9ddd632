/** Mean and sample standard deviation of repeated runs. */
export interface MeanAndSpread {
  readonly mean: number;
  /** Sample standard deviation √(Σ(v − mean)² / (n − 1)); 0 for a single value. */
  readonly std: number;
}

/**
 * Mean and sample standard deviation (n − 1 in the denominator, as papers report over seeds; 0 for
 * n = 1). Throws a `RangeError` for no values: there is no mean to report.
 */
export function meanAndSpread(values: readonly number[]): MeanAndSpread {
  if (values.length === 0) throw new RangeError('meanAndSpread needs at least one value');
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (values.length === 1) return { mean, std: 0 };
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}

/** One cell of the results: the scores (fractions in [0, 1], one per seed) of a method under a protocol. */
export interface ResultRow {
  readonly method: string;
  readonly protocol: string;
  readonly values: readonly number[];
}

/** The same method × protocol table as aligned plain text (for the terminal) and as Markdown. */
export interface ResultsTable {
  readonly text: string;
  readonly markdown: string;
}

/** Shown for a (method, protocol) pair without any values. */
const MISSING = '—';

/**
 * The paper-style table: one line per method, one column per protocol (both in order of first
 * appearance), each cell "mean ± std" in percent with one decimal, e.g. [0.5, 0.7] → "60.0 ± 14.1";
 * a single value has no spread to show and prints alone ([0.55] → "55.0").
 * Rows repeating a (method, protocol) pair pool their values; pairs without values show "—".
 * Non-finite scores print as "NaN"/"Infinity" in the cell rather than vanishing: a broken run must
 * show in the table.
 */
export function resultsTable(rows: readonly ResultRow[]): ResultsTable {
  const methods = unique(rows.map((row) => row.method));
  const protocols = unique(rows.map((row) => row.protocol));
  const cell = (method: string, protocol: string): string => {
    const values = rows
      .filter((row) => row.method === method && row.protocol === protocol)
      .flatMap((row) => row.values);
    if (values.length === 0) return MISSING;
    const { mean, std } = meanAndSpread(values);
    const percent = (100 * mean).toFixed(1);
    return values.length === 1 ? percent : `${percent} ± ${(100 * std).toFixed(1)}`;
  };
  const header = ['method', ...protocols];
  const body = methods.map((method) => [method, ...protocols.map((protocol) => cell(method, protocol))]);
  return { text: plainTable(header, body), markdown: markdownTable(header, body) };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Columns padded to their widest cell: names left-aligned, numbers right-aligned. */
function plainTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((title, j) => Math.max(title.length, ...body.map((line) => line[j]!.length)));
  const format = (line: readonly string[]) =>
    line.map((text, j) => (j === 0 ? text.padEnd(widths[j]!) : text.padStart(widths[j]!))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(header), rule, ...body.map(format)].map((line) => line.trimEnd()).join('\n');
}

function markdownTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const format = (line: readonly string[]) => `| ${line.map(escapeMarkdownCell).join(' | ')} |`;
  const alignment = `|${header.map((_, j) => (j === 0 ? ' :--- ' : ' ---: ')).join('|')}|`;
  return [format(header), alignment, ...body.map(format)].join('\n');
}

/** A `|` would end the cell and a line break the row. */
function escapeMarkdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
