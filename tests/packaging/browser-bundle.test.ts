// Every entry point of every package except the `/node` subpaths must bundle for the browser: a
// bundler targeting the browser cannot resolve Node's built-in modules, so esbuild fails on any
// `node:fs`, `path`, `worker_threads`… reached from those entries (and names the importing file).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { describe, expect, it } from 'vitest';
import { workspacePackages } from './workspace-packages.js';

const browserEntries = workspacePackages().flatMap(({ name, directory, exports }) =>
  exports
    .filter((subpath) => subpath !== './node' && !subpath.endsWith('/node'))
    .map((subpath) => ({ specifier: subpath === '.' ? name : `${name}${subpath.slice(1)}`, directory })),
);

/** Bundles `import * as entry from specifier` for the browser; the errors esbuild reports, one line each. */
async function browserBundleErrors(specifier: string, resolveDir: string): Promise<string[]> {
  try {
    await build({
      stdin: { contents: `export * as entry from ${JSON.stringify(specifier)};`, resolveDir, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      conditions: ['@halp/source'],
      write: false,
      logLevel: 'silent',
    });
    return [];
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors;
    if (errors === undefined) throw error;
    return errors.map((e) => `${e.text}${e.location ? ` (in ${e.location.file})` : ''}`);
  }
}

describe('browser bundles', () => {
  it('covers every package', () => {
    expect(browserEntries.map((entry) => entry.specifier)).toEqual(
      expect.arrayContaining([
        'halp',
        '@halp/skeleton',
        '@halp/backend',
        '@halp/trainer',
        '@halp/evaluation',
      ]),
    );
  });

  it.each(browserEntries)('$specifier bundles for the browser without Node built-ins', async (entry) => {
    expect(await browserBundleErrors(entry.specifier, entry.directory)).toEqual([]);
  });

  it('halp (every root entry at once) also builds with vite for the browser, without a warning', async () => {
    const halp = browserEntries.find((entry) => entry.specifier === 'halp')!;
    const warnings: string[] = [];
    await viteBuild({
      root: halp.directory,
      configFile: false,
      logLevel: 'silent',
      resolve: { conditions: ['@halp/source', 'browser', 'module', 'import', 'default'] },
      plugins: [
        {
          name: 'entry',
          resolveId: (id) => (id === 'halp-entry' ? '\0halp-entry' : undefined),
          load: (id) => (id === '\0halp-entry' ? "export * from 'halp';" : undefined),
        },
      ],
      build: {
        write: false,
        minify: false,
        rollupOptions: {
          input: 'halp-entry',
          preserveEntrySignatures: 'strict',
          onwarn: (warning) => void warnings.push(warning.message),
        },
      },
    });
    expect(warnings).toEqual([]);
  });

  it('fails on a Node built-in (the check itself can fail)', async () => {
    const skeleton = browserEntries.find((entry) => entry.specifier === '@halp/skeleton')!;
    const errors = await browserBundleErrors('@halp/skeleton/node', skeleton.directory);
    expect(errors.some((line) => line.startsWith('Could not resolve "node:fs'))).toBe(true);
  });
});
