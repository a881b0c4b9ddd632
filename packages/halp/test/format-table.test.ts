import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/cli/format-table.js';

const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', 'x', '-', '.') });

describe('formatTable', () => {
  it('starts every column at the same offset on every line and leaves no trailing spaces', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((columns) =>
            fc.tuple(
              fc.array(word, { minLength: columns, maxLength: columns }),
              fc.array(fc.array(word, { minLength: columns, maxLength: columns }), { maxLength: 5 }),
            ),
          ),
        ([header, rows]) => {
          const lines = formatTable(header, rows).split('\n');
          for (const line of lines) expect(line).toBe(line.trimEnd());
          const rule = lines[1]!;
          const starts = [0, ...[...rule.matchAll(/ {2}-/g)].map((match) => match.index + 2)];
          expect(starts).toHaveLength(header.length);
          [header, ...rows].forEach((cells, index) => {
            const line = lines[index === 0 ? 0 : index + 1]!;
            cells.forEach((cell, column) => {
              expect(line.slice(starts[column], starts[column]! + cell.length)).toBe(cell);
            });
          });
        },
      ),
    );
  });
});
