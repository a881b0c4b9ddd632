import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type DataFileError, dataFileError } from '@halp/skeleton';
import { writeFileAtomic } from '@halp/skeleton/node';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';

/** The contents of a report folder. */
export interface ReportContents {
  /** Written as `results.json` (pretty-printed; `NaN`/`Infinity` become `null`, as in JSON.stringify). */
  readonly results: unknown;
  /** Written as `README.md`. */
  readonly markdown: string;
  /** Each written as `figures/<name>.svg`; names are plain file names (letters, digits, `.`, `_`, `-`). */
  readonly figures: readonly { readonly name: string; readonly svg: string }[];
}

/** Where {@link writeReport} put each file. */
export interface ReportPaths {
  readonly results: string;
  readonly markdown: string;
  readonly figures: readonly string[];
}

const FIGURE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Writes a report into `directory` (created with its parents if missing): `figures/<name>.svg`, then
 * `README.md`, then `results.json` last, so that a folder with `results.json` holds a complete report.
 * Every file is written atomically (temporary file beside it, then rename), so a reader never sees a
 * half-written file and an interrupted run leaves the previous version intact.
 *
 * Fails (Left, nothing written) when a figure name is not a plain file name, two figures share a name,
 * or `results` cannot be serialised (cycles, BigInt); I/O errors name the file.
 */
export function writeReport(
  directory: string,
  contents: ReportContents,
): TE.TaskEither<DataFileError, ReportPaths> {
  const figuresDirectory = join(directory, 'figures');
  const paths: ReportPaths = {
    results: join(directory, 'results.json'),
    markdown: join(directory, 'README.md'),
    figures: contents.figures.map((figure) => join(figuresDirectory, `${figure.name}.svg`)),
  };
  const encode = (text: string) => new TextEncoder().encode(text);
  return pipe(
    TE.fromEither(
      checkFigureNames(
        contents.figures.map((figure) => figure.name),
        figuresDirectory,
      ),
    ),
    TE.chainEitherK(() => serialise(contents.results, paths.results)),
    TE.chainFirst(() => makeDirectory(figuresDirectory)),
    TE.chainFirst(() =>
      TE.traverseSeqArrayWithIndex((i, figure: ReportContents['figures'][number]) =>
        writeFileAtomic(paths.figures[i]!, encode(figure.svg)),
      )(contents.figures),
    ),
    TE.chainFirst(() => writeFileAtomic(paths.markdown, encode(contents.markdown))),
    TE.chain((json) => writeFileAtomic(paths.results, encode(json))),
    TE.map(() => paths),
  );
}

function checkFigureNames(names: readonly string[], folder: string): E.Either<DataFileError, void> {
  const invalid = names.find((name) => !FIGURE_NAME.test(name));
  if (invalid !== undefined) {
    return E.left(
      dataFileError('io', folder, 'figure name', 'letters, digits, ".", "_" or "-"', JSON.stringify(invalid)),
    );
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    return E.left(dataFileError('io', folder, 'figure name', 'distinct figure names', `"${repeated}" twice`));
  }
  return E.right(undefined);
}

function serialise(results: unknown, path: string): E.Either<DataFileError, string> {
  return E.tryCatch(
    () => `${JSON.stringify(results, null, 2)}\n`,
    (cause) => dataFileError('io', path, 'results', 'JSON-serialisable results', String(cause)),
  );
}

function makeDirectory(path: string): TE.TaskEither<DataFileError, void> {
  return TE.tryCatch(
    async () => {
      await mkdir(path, { recursive: true });
    },
    (cause) => dataFileError('io', path, 'mkdir', 'a writable directory', String(cause)),
  );
}
