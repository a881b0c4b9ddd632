// Compares the step records of two or more runs' metrics.jsonl (same configuration and seed, e.g.
// one per backend): per step, each run's total loss and the largest difference from the first run;
// then each run's median step time. Usage: node tooling/gpu/compare-runs.mjs <run dir> <run dir> ...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const runs = process.argv.slice(2);
if (runs.length < 2) throw new Error('usage: compare-runs.mjs <run dir> <run dir> [...]');
const steps = runs.map((run) =>
  readFileSync(join(run, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .filter((record) => record.type === 'step'),
);
const backends = steps.map((records) => records[0]?.backend ?? '?');
console.log(['step', ...backends.map((b, i) => `loss[${i}:${b}]`), 'max |Δ| vs 0', 'max rel Δ'].join('\t'));
const count = Math.min(...steps.map((records) => records.length));
for (let i = 0; i < count; i += 1) {
  const losses = steps.map((records) => records[i].loss);
  const difference = Math.max(...losses.map((loss) => Math.abs(loss - losses[0])));
  console.log(
    [steps[0][i].step, ...losses, difference, difference / Math.max(Math.abs(losses[0]), 1e-30)].join('\t'),
  );
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [i, records] of steps.entries()) {
  // The first step compiles kernels (WebGPU: shader pipelines), so it is left out of the median.
  const seconds = records.slice(1).map((record) => record.stepSeconds);
  console.log(
    `${runs[i]} (${backends[i]}): first step ${records[0].stepSeconds.toFixed(3)} s, median of the rest ${median(seconds).toFixed(3)} s`,
  );
}
