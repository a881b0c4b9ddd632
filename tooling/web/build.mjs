// Builds the page into tooling/web/dist: the bundled script (from the packages' TypeScript sources),
// index.html, tfjs-backend-wasm's binaries and the bundled encoder. Run by `pnpm build`.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const require = createRequire(join(here, 'package.json'));
const wasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'wasm'), { recursive: true });
await build({
  entryPoints: [join(here, 'src/main.ts')],
  outfile: join(out, 'main.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@halp/source'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(join(here, 'index.html'), join(out, 'index.html'));
for (const file of readdirSync(wasmDist).filter((name) => name.endsWith('.wasm'))) {
  cpSync(join(wasmDist, file), join(out, 'wasm', file));
}
cpSync(join(here, 'encoder'), join(out, 'encoder'), { recursive: true });
