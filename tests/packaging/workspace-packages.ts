import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One package of `packages/`: its name, folder and the subpaths its `exports` map declares. */
export interface WorkspacePackage {
  readonly name: string;
  readonly directory: string;
  readonly exports: readonly string[];
  readonly manifest: Readonly<Record<string, unknown>>;
}

export function workspacePackages(): WorkspacePackage[] {
  const packagesDirectory = join(REPOSITORY_ROOT, 'packages');
  return readdirSync(packagesDirectory).map((folder) => {
    const directory = join(packagesDirectory, folder);
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    return {
      name: manifest.name,
      directory,
      exports: Object.keys(manifest.exports ?? { '.': '' }),
      manifest,
    };
  });
}
