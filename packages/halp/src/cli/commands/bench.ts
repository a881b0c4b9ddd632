import { join } from 'node:path';
import { selectBackend } from '@halp/backend/node';
import { curveFigures, type Figure, featureFigure, hallucinationFigure } from '../../bench/figures.js';
import { benchRowNames } from '../../bench/methods.js';
import { BENCH_PRESETS, findPreset } from '../../bench/presets.js';
import { type BenchRun, runBench } from '../../bench/run-bench.js';
import { resultsTable } from '../../report/index.js';
import { writeReport } from '../../report/write-report.js';
import { integerOption, stringOption } from '../arguments.js';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { orCliError } from '../data-error.js';
import { loadTrainingData } from '../load-data.js';
import { formatDuration } from '../progress-line.js';

export const benchCommand: Command = {
  name: 'bench',
  options: {
    preset: 'string',
    data: 'string',
    seeds: 'string',
    'first-seed': 'string',
    out: 'string',
    backend: 'string',
    threads: 'string',
    'baseline-epochs': 'string',
    'continue-epochs': 'string',
    'eval-data': 'string',
    methods: 'string',
  },
  summary:
    'the full pipeline: baseline, HaLP, ISC, CMD pretraining, linear / kNN / semi-supervised evaluation, report',
  help: `halp bench [--preset quick] [--data <processed folder>] [--seeds 3] [--first-seed 0] [--out report] [--backend wasm] [--threads N]
           [--baseline-epochs N] [--continue-epochs N] [--eval-data <folder>] [--methods baseline,halp]

Presets:
${BENCH_PRESETS.map((preset) => `  ${preset.name.padEnd(14)} ${preset.description}`).join('\n')}

For each seed: the MoCo baseline is pretrained, then continued, and HaLP continues from the same
checkpoint for as many epochs (the paper's schedule, scaled); the encoders are then evaluated with
linear evaluation, 1-NN and semi-supervised fine-tuning on the held-out split. --methods picks the
rows (default: the preset's; 'all' = ${benchRowNames().join(', ')}): ISC (sequence + graph) and CMD
(joint, motion, bone) get the same schedule from their own warm-up, with and without HaLP, and
every stream of theirs is evaluated; ISC's warm-up is intra-skeleton MoCo on both representations,
continued as the 'isc-intra' row. --seeds N --first-seed K runs seeds K … K+N−1 (to share
the seeds of one table between machines). Prints the table
(method × protocol, mean ± std over seeds, top-1 %) and writes <out>/results.json, <out>/README.md
and SVG figures (loss curves, kNN over epochs, HaLP's terms, feature projections, hallucinated positives).
Real-data presets need --data (a folder made by 'halp prepare'); the transfer preset also\n--eval-data, the target dataset's folder (its train_* fits the probes, its val_* scores them).`,
  async run(args, output) {
    const presetName = stringOption(args, 'preset', 'quick');
    const found = findPreset(presetName);
    if (found === undefined) {
      throw new CliError(
        `--preset: expected one of ${BENCH_PRESETS.map((p) => p.name).join(', ')}, got "${presetName}"`,
      );
    }
    const seeds = integerOption(args, 'seeds', found.seeds.length, 1);
    const firstSeed = integerOption(args, 'first-seed', 0, 0);
    const preset = {
      ...found,
      seeds: Array.from({ length: seeds }, (_, i) => firstSeed + i),
      baselineEpochs: integerOption(args, 'baseline-epochs', found.baselineEpochs, 1),
      continueEpochs: integerOption(args, 'continue-epochs', found.continueEpochs, 1),
    };
    const methods = methodsOption(stringOption(args, 'methods'), preset.methods);
    const out = stringOption(args, 'out', 'report');
    const backendPreference = stringOption(args, 'backend', preset.pretrain.backend ?? 'auto');
    const backend = await selectBackend({
      preference: backendPreference,
      threads: integerOption(args, 'threads', 1, 1),
      log: (line) => output.err(`${line}\n`),
    });
    const source = preset.data.kind === 'synthetic' ? 'synthetic' : stringOption(args, 'data');
    if (source === undefined)
      throw new CliError(`preset ${preset.name} needs --data <folder made by halp prepare>`);
    const data = await loadTrainingData(
      source,
      preset.data.kind === 'synthetic' ? preset.data.benchmark : 'xsub',
    );
    if (data.heldOut === undefined) throw new CliError(`${source} has no val_* files to evaluate on`);
    output.err(`data: ${data.description}\n`);
    const evaluationData =
      preset.data.kind === 'transfer' ? await transferData(stringOption(args, 'eval-data')) : undefined;
    if (evaluationData !== undefined) output.err(`evaluation data: ${evaluationData.description}\n`);

    const started = performance.now();
    const elapsed = () => formatDuration((performance.now() - started) / 1000);
    const runs = await runBench(
      preset,
      {
        train: data.train,
        heldOut: data.heldOut,
        workDirectory: join(out, 'runs'),
        backend: backend.name,
        evaluation: evaluationData,
        log: (line) => output.err(`[${elapsed()}] ${line}\n`),
      },
      methods,
    );
    const table = resultsTable(protocolRows(runs));
    const seedZeroHalp = runs.find((run) => run.method === 'halp' && run.seed === preset.seeds[0]);
    // One projection per row of the first seed (the first stream of multi-stream methods).
    const figures = [
      ...curveFigures(runs),
      ...runs
        .filter((run) => run.seed === preset.seeds[0] && !runs.some((other) => isEarlierStream(other, run)))
        .map((run) => featureFigure(run, data.classNames)),
      ...(seedZeroHalp === undefined
        ? []
        : [hallucinationFigure(seedZeroHalp.evaluation.heldOutFeatures, seedZeroHalp.seed)]),
    ];
    const results = {
      preset: preset.name,
      methods,
      backend: backend.name,
      seeds: preset.seeds,
      seconds: (performance.now() - started) / 1000,
      runs: runs.map(({ evaluation: _evaluation, ...run }) => run),
    };
    const markdown = reportMarkdown(
      preset.name,
      preset.description,
      table.markdown,
      backend.name,
      elapsed(),
      preset.seeds,
      figures,
    );
    orCliError(await writeReport(out, { results, markdown, figures })());
    output.out(
      `${table.text}\n\n(top-1 %, ${seedsSummary(preset.seeds)}; ${elapsed()}; report: ${out}/README.md)\n`,
    );
  },
};

async function transferData(folder: string | undefined) {
  if (folder === undefined)
    throw new CliError('a transfer preset needs --eval-data <folder of the target dataset>');
  const data = await loadTrainingData(folder, 'xsub');
  if (data.heldOut === undefined) throw new CliError(`${folder} has no val_* files to evaluate on`);
  return { train: data.train, heldOut: data.heldOut, description: data.description };
}

/** One table row per label (method, or method · stream), pooling the seeds. */
function protocolRows(runs: readonly BenchRun[]) {
  const rows: { method: string; protocol: string; values: number[] }[] = [];
  for (const label of new Set(runs.map((run) => run.label))) {
    const ofLabel = runs.filter((run) => run.label === label);
    for (const protocol of Object.keys(ofLabel[0]!.protocols)) {
      rows.push({ method: label, protocol, values: ofLabel.map((run) => run.protocols[protocol]!) });
    }
  }
  return rows;
}

/** Whether `other` is another stream of the same run as `run`, listed before it. */
function isEarlierStream(other: BenchRun, run: BenchRun): boolean {
  return other !== run && other.seed === run.seed && other.method === run.method && other.label < run.label;
}

/** The rows `--methods` names (`all`: every row the registered methods declare). */
function methodsOption(value: string | undefined, defaults: readonly string[]): readonly string[] {
  if (value === undefined) return defaults;
  const rows = benchRowNames();
  if (value === 'all') return rows;
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !rows.includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new CliError(
      `--methods: expected 'all' or a comma-separated list of ${rows.join(', ')}, got "${value}"`,
    );
  }
  return names;
}

/** "mean ± std over 3 seeds (0, 1, 2)", or "one seed (0)": a single run has no spread to show. */
function seedsSummary(seeds: readonly number[]): string {
  return seeds.length === 1
    ? `one seed (${seeds[0]})`
    : `mean ± std over ${seeds.length} seeds (${seeds.join(', ')})`;
}

function reportMarkdown(
  name: string,
  description: string,
  table: string,
  backend: string,
  duration: string,
  seeds: readonly number[],
  figures: readonly Figure[],
): string {
  return `# halp bench: ${name}

${description}. Backend: ${backend}. Wall time: ${duration}.

Top-1 accuracy (%) on the held-out split, ${seedsSummary(seeds)}. *linear*: linear
classifier on the frozen encoder's features; *knn*: 1-nearest neighbour by cosine similarity;
*semi10*: fine-tuning with 10 % of the labels (class-balanced).

${table}

${figures.map((figure) => `![${figure.name}](figures/${figure.name}.svg)\n\n${figure.caption}`).join('\n\n')}
`;
}
