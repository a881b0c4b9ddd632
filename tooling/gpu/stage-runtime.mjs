// Stages what the built CLI needs at run time into <stage>/ (see README.md): every package's dist/,
// a flat node_modules holding the packages' runtime dependencies (resolved through Node, pruned of
// browser bundles, source maps, typings and other platforms' Dawn binaries), and @halp/* links to
// the workspace packages (their package.json files are tracked, so they exist on the device).
// Usage: node tooling/gpu/stage-runtime.mjs <stage directory>
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const stage = resolve(process.argv[2] ?? '');
if (process.argv[2] === undefined) throw new Error('usage: stage-runtime.mjs <stage directory>');

/** Files Node never loads here: browser/UMD bundles, minified copies, maps, typings, sources. */
const unused = [
  /\.map$/,
  /\.d\.ts$/,
  /\.ts$/,
  /\.min\.js$/,
  /\.(es2017|fesm)\.js$/,
  /[\\/]dist[\\/]tf-[\w-]+\.js$/, // UMD bundles; the `*.node.js` ones (package.json "main") are kept below
  /[\\/](miniprogram|src|build)([\\/]|$)/,
];
const keptBundle = /\.node\.js$/;
/** Dawn ships one binary per platform (webgpu/dist/<platform>/); the device is linux-x64. */
const otherPlatforms = /^\/dist\/(?!linux-x64)/;

/** Whether `path` (inside package `name`, relative to its root, starting with '/') is loaded at run time. */
function wanted(name, path) {
  if (name === 'webgpu' && otherPlatforms.test(path)) return false;
  if (keptBundle.test(path)) return true;
  return !unused.some((pattern) => pattern.test(path));
}

const workspacePackages = readdirSync(join(root, 'packages')).filter((name) =>
  existsSync(join(root, 'packages', name, 'package.json')),
);

// Runtime dependencies, resolved from the package that declares them (pnpm's layout is not flat).
const staged = new Map();
function stageDependencies(fromDirectory, manifest, extra = {}) {
  // Peers (tfjs-core) are what an application provides: the device run is that application.
  const names = {
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
    ...manifest.peerDependencies,
    ...extra,
  };
  for (const name of Object.keys(names)) {
    if (name.startsWith('@halp/') || name.startsWith('@types/') || staged.has(name)) continue;
    const require = createRequire(join(fromDirectory, 'package.json'));
    let manifestPath;
    try {
      manifestPath = realpathSync(require.resolve(`${name}/package.json`));
    } catch {
      // Optional dependencies and optional peers may be absent; only those are allowed to be.
      if (manifest.optionalDependencies?.[name] !== undefined) continue;
      if (manifest.peerDependenciesMeta?.[name]?.optional === true) continue;
      throw new Error(`cannot resolve ${name} from ${fromDirectory}`);
    }
    const directory = dirname(manifestPath);
    staged.set(name, directory);
    stageDependencies(directory, JSON.parse(readFileSync(manifestPath, 'utf8')));
  }
}

mkdirSync(join(stage, 'node_modules', '@halp'), { recursive: true });
for (const name of workspacePackages) {
  const directory = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  if (!existsSync(join(directory, 'dist'))) throw new Error(`packages/${name}/dist is missing: build first`);
  cpSync(join(directory, 'dist'), join(stage, 'packages', name, 'dist'), {
    recursive: true,
    filter: (path) => !/\.(map|d\.ts)$/.test(path),
  });
  symlinkSync(
    relative(join(stage, 'node_modules', '@halp'), join(stage, 'packages', name)),
    join(stage, 'node_modules', '@halp', basename(manifest.name)),
  );
  // `webgpu` (Dawn) is an opt-in a user installs, not a dependency: the device run opts in.
  stageDependencies(
    directory,
    manifest,
    name === 'backend' ? { webgpu: manifest.devDependencies.webgpu } : {},
  );
}
for (const [name, directory] of staged) {
  cpSync(directory, join(stage, 'node_modules', ...name.split('/')), {
    recursive: true,
    dereference: true,
    filter: (path) => path === directory || wanted(name, path.slice(directory.length).split(sep).join('/')),
  });
}
console.log(`staged ${workspacePackages.length} workspace packages and ${staged.size} dependencies:`);
console.log([...staged.keys()].sort().join(' '));
