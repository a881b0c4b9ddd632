// Where the benchmarks leave their results: .bench-results/<name>.json at the repository root,
// wherever the script is started from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './packages.mjs';

/** Writes `results` as indented JSON to .bench-results/<name>.json and returns the file's path. */
export function writeResults(name, results) {
  const directory = join(repositoryRoot, '.bench-results');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
