// Runs every benchmark in tooling/bench one after another (after `pnpm build`), each in its own
// Node process so that one's JIT and heap state cannot colour another's timings. Each prints its
// table and writes .bench-results/<name>.json. `node tooling/bench/run.mjs prototypes encoder`
// runs a subset; train-step.mjs is opt-in by name (it takes minutes and, with python3-torch, times
// the PyTorch reference step too).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const OPT_IN = new Set(['train-step']);
const available = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .map((file) => file.slice(0, -'.mjs'.length));
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = requested.length > 0 ? requested : available.filter((name) => !OPT_IN.has(name));
const failed = [];
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(process.execPath, ['--expose-gc', join(here, `${name}.mjs`)], {
    stdio: 'inherit',
  });
  if (status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
