// Installs halp as a user would: builds, packs every package with `pnpm pack` (which rewrites
// `workspace:^` to real versions), installs the tarballs with npm into fresh temporary projects, then
// imports every public entry and runs the `halp` command. Slow (one build, one npm install of tfjs):
// about a minute.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, workspacePackages } from './workspace-packages.js';

const MATH_PACKAGES = ['@halp/random', '@halp/hypersphere', '@halp/prototypes', '@halp/hallucinate'];
const packages = workspacePackages();
const scratch = mkdtempSync(join(tmpdir(), 'halp-pack-'));
const registryReason = npmRegistryUnreachable();

function npmRegistryUnreachable(): string | undefined {
  const ping = spawnSync('npm', ['ping', '--silent'], { encoding: 'utf8', timeout: 20_000 });
  return ping.status === 0 ? undefined : 'the npm registry is not reachable (npm ping failed)';
}

/**
 * The environment of a user's shell: without the NODE_PATH that pnpm's bin shims (vitest's included)
 * export, which would let the fresh projects resolve packages from this workspace, and without the
 * npm_config_* settings `pnpm test` exports, which npm warns about as unknown.
 */
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'NODE_PATH' && !/^npm_config_/i.test(name)),
);

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    env: USER_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A fresh npm project in `scratch/<name>` with `tarballs` installed. */
function installProject(name: string, tarballs: readonly string[]): string {
  const project = join(scratch, name);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs],
    project,
  );
  return project;
}

function directorySize(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.size;
  return readdirSync(path).reduce((sum, entry) => sum + directorySize(join(path, entry)), 0);
}

/** Every copy of a package installed anywhere under `node_modules`. */
function installedCopies(project: string, name: string): string[] {
  const found: string[] = [];
  const visit = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    if (existsSync(join(nodeModules, name, 'package.json'))) found.push(join(nodeModules, name));
    for (const entry of readdirSync(nodeModules)) {
      const folders = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map((sub) => join(nodeModules, entry, sub))
        : [join(nodeModules, entry)];
      for (const folder of folders) visit(join(folder, 'node_modules'));
    }
  };
  visit(join(project, 'node_modules'));
  return found;
}

/** Imports `specifiers` in a Node process started in `project`; the export count of each. */
function importCounts(project: string, specifiers: readonly string[]): Record<string, number> {
  const script = `const counts = {};
for (const specifier of ${JSON.stringify(specifiers)}) counts[specifier] = Object.keys(await import(specifier)).length;
console.log(JSON.stringify(counts));`;
  return JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], project));
}

const publicEntries = (names: readonly string[]) =>
  packages
    .filter((p) => names.includes(p.name))
    .flatMap((p) => p.exports.map((subpath) => (subpath === '.' ? p.name : `${p.name}${subpath.slice(1)}`)));

describe.skipIf(registryReason !== undefined)('packed tarballs installed with npm', () => {
  const tarballs: Record<string, string> = {};
  let full = '';

  beforeAll(() => {
    // The packages only: the web page's build (tooling/web/dist) belongs to the page's test.
    run('npm', ['run', '--silent', 'build:packages'], REPOSITORY_ROOT);
    const packs = join(scratch, 'packs');
    run(
      'npx',
      ['-y', 'pnpm@10', '-r', '--filter', './packages/*', 'pack', '--pack-destination', packs],
      REPOSITORY_ROOT,
    );
    for (const { name, manifest } of packages) {
      tarballs[name] = join(packs, `${name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
    }
    full = installProject('full', Object.values(tarballs));
  }, 600_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('every public entry of every package imports', () => {
    const specifiers = publicEntries(packages.map((p) => p.name));
    const counts = importCounts(full, specifiers);
    const empty = specifiers.filter((s) => counts[s] === 0 && !s.endsWith('/register-gradients'));
    expect(empty).toEqual([]);
    expect(Object.keys(counts).sort()).toEqual([...specifiers].sort());
  });

  it('`npx halp --help` prints the usage', () => {
    const help = spawnSync('npx', ['--no-install', 'halp', '--help'], {
      cwd: full,
      env: USER_ENV,
      encoding: 'utf8',
    });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: halp <command>');
  });

  it('`npx halp info` says how to opt in to WebGPU under Node', () => {
    const info = spawnSync('npx', ['--no-install', 'halp', 'info'], {
      cwd: full,
      env: USER_ENV,
      encoding: 'utf8',
    });
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(
      /webgpu is not installed \(npm install webgpu@\d+\.\d+\.\d+ to try WebGPU through Dawn\)/,
    );
    expect(info.stdout).toContain('WebGPU under Node goes through Dawn, which halp does not install');
  });

  it('installs one tfjs-core (a peer dependency) and no Dawn binaries', () => {
    expect(installedCopies(full, '@tensorflow/tfjs-core')).toHaveLength(1);
    expect(installedCopies(full, 'webgpu')).toEqual([]);
    const megabytes = directorySize(join(full, 'node_modules')) / 2 ** 20;
    console.log(`npm install of all halp tarballs: ${megabytes.toFixed(1)} MiB of node_modules`);
  });

  it('the math packages install and import alone, without tfjs', () => {
    const math = installProject(
      'math',
      MATH_PACKAGES.map((name) => tarballs[name]!),
    );
    expect(installedCopies(math, '@tensorflow/tfjs-core')).toEqual([]);
    const roots = Object.values(importCounts(math, MATH_PACKAGES));
    expect(roots.every((count) => count > 0)).toBe(true);
    const megabytes = directorySize(join(math, 'node_modules')) / 2 ** 20;
    console.log(`npm install of ${MATH_PACKAGES.join(', ')}: ${megabytes.toFixed(2)} MiB of node_modules`);
  });
});

if (registryReason !== undefined) it.skip(`packaging test skipped: ${registryReason}`, () => undefined);
