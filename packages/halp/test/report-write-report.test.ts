import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../src/report/write-report.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'halp-report-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function allFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const contents = {
  results: { runs: [{ method: 'halp', seed: 1, top1: 0.61 }], diverged: Number.NaN },
  markdown: '# Benchmark\n\n| method | linear |\n',
  figures: [
    { name: 'loss-curves', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { name: 'features-halp-seed-1', svg: '<svg xmlns="http://www.w3.org/2000/svg"><circle/></svg>' },
  ],
};

describe('writeReport', () => {
  it('writes results.json, README.md and figures/<name>.svg into a new nested folder, and nothing else', async () => {
    const directory = join(root, 'out', 'report');
    const written = await writeReport(directory, contents)();
    expect(E.isRight(written)).toBe(true);
    const paths = E.isRight(written) ? written.right : undefined;
    expect(paths).toEqual({
      results: join(directory, 'results.json'),
      markdown: join(directory, 'README.md'),
      figures: [
        join(directory, 'figures', 'loss-curves.svg'),
        join(directory, 'figures', 'features-halp-seed-1.svg'),
      ],
    });
    expect((await allFiles(directory)).sort()).toEqual(
      [paths!.markdown, paths!.results, ...paths!.figures].sort(),
    );
    expect(JSON.parse(await readFile(paths!.results, 'utf8'))).toEqual({
      ...contents.results,
      diverged: null,
    });
    expect(await readFile(paths!.markdown, 'utf8')).toBe(contents.markdown);
    expect(await readFile(paths!.figures[1]!, 'utf8')).toBe(contents.figures[1]!.svg);
  });

  it('replaces an earlier report in place', async () => {
    await writeReport(root, contents)();
    const again = await writeReport(root, { ...contents, markdown: '# Second run\n' })();
    expect(E.isRight(again)).toBe(true);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe('# Second run\n');
    expect(await allFiles(root)).toHaveLength(4);
  });

  it('writes nothing for a figure name that is not a plain file name, a repeated name, or unserialisable results', async () => {
    const bad = [
      { ...contents, figures: [{ name: '../escape', svg: '<svg/>' }] },
      { ...contents, figures: [contents.figures[0]!, contents.figures[0]!] },
      { ...contents, results: { count: 1n } },
    ];
    for (const report of bad) {
      const written = await writeReport(join(root, 'bad'), report)();
      expect(E.isLeft(written)).toBe(true);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('reports an unwritable destination as a Left naming the path', async () => {
    await writeReport(root, { ...contents, figures: [] })();
    // A folder cannot be created inside a file.
    const written = await writeReport(join(root, 'README.md', 'inside'), contents)();
    expect(E.isLeft(written) && written.left.file).toContain(join('README.md', 'inside'));
  });
});
