// Tables printed by the benchmarks. Missing cells (null or undefined) print empty.

const cell = (row, column) => String(row[column] ?? '');

/** The columns of `rows`: every key of any row, in first-seen order. */
const columnsOf = (rows) => [...new Set(rows.flatMap((row) => Object.keys(row)))];

/**
 * Prints `rows` as plain-text columns, each as wide as its widest cell, under a header line and a
 * line of dashes. `columns` picks and orders the columns (default: every key of any row).
 */
export function printTable(rows, columns = columnsOf(rows)) {
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => cell(row, column))));
}

/** Prints `rows` as a Markdown table (to paste into a README), columns as in `printTable`. */
export function printMarkdownTable(rows, columns = columnsOf(rows)) {
  const line = (values) => `| ${values.join(' | ')} |`;
  console.log(line(columns));
  console.log(line(columns.map(() => '---')));
  for (const row of rows) console.log(line(columns.map((column) => cell(row, column))));
}
