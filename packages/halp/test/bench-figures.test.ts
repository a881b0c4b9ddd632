import { matrix } from '@halp/hypersphere';
import { describe, expect, it } from 'vitest';
import { curveFigures, type Figure, featureFigure } from '../src/bench/figures.js';
import type { BenchRun } from '../src/bench/run-bench.js';
import { expectWellFormedSvg, markersIn } from './report-svg-checks.js';
import { chartPanels, type ReadChart, readLineChart } from './report-svg-read.js';

const WARMUP = 8;
const EPOCHS = 12;
const KNN_EVERY = 2;

/** Distinct, recognisable values: the warm-up's depend on the seed, each row's own on the row. */
function curves(method: 'baseline' | 'halp', seed: number) {
  const own = method === 'halp' ? 1 : 0;
  const epochs = Array.from({ length: EPOCHS }, (_, i) => i + 1);
  const warm = (epoch: number) => epoch <= WARMUP;
  return {
    contrastiveLosses: epochs.map((e) =>
      warm(e) ? 5 - 0.1 * e + 0.05 * seed : 4.2 + own * (0.1 * (e - WARMUP)),
    ),
    hallucinationLosses: epochs.map((e) =>
      own === 1 && !warm(e) ? -27 + 0.5 * (e - WARMUP) + seed : Number.NaN,
    ),
    keptFractions: epochs.map((e) => (own === 1 && !warm(e) ? 0.8 + 0.02 * (e - WARMUP) : Number.NaN)),
    knnCurve: epochs
      .filter((e) => e % KNN_EVERY === 0)
      .map((e): [number, number] => [
        e,
        warm(e) ? 0.3 + 0.02 * e + 0.01 * seed : 0.5 + own * 0.05 + 0.01 * e,
      ]),
  };
}

function benchRun(method: 'baseline' | 'halp', seed: number): BenchRun {
  const heldOut = matrix(
    6,
    3,
    Float64Array.from({ length: 18 }, (_, i) => Math.sin(i + seed)),
  );
  const train = matrix(
    4,
    3,
    Float64Array.from({ length: 12 }, (_, i) => Math.cos(i * 1.7)),
  );
  return {
    seed,
    method,
    stream: 'sequence-joint',
    label: method === 'halp' ? 'HaLP' : 'baseline (MoCo)',
    rowLabel: method === 'halp' ? 'HaLP' : 'baseline (MoCo)',
    protocols: { linear: 0.5 },
    epochLosses: [],
    ...curves(method, seed),
    warmup: { name: 'moco', epochs: WARMUP },
    start: method === 'halp' ? 'warm-start' : 'resume',
    pretrainSeconds: 1,
    evaluation: {
      top1: { linear: 0.5 },
      heldOutFeatures: heldOut,
      heldOutLabels: Int32Array.from([0, 1, 2, 0, 1, 2]),
      trainSample: { features: train, labels: Int32Array.from([0, 1, 1, 2]) },
    },
  };
}

const figure = (figures: Figure[], name: string) => {
  const found = figures.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no figure ${name}`);
  expectWellFormedSvg(found.svg);
  return found.svg;
};
const seriesNamed = (chart: ReadChart, name: string) => {
  const found = chart.series.find((series) => series.name === name);
  if (found === undefined)
    throw new Error(`no series "${name}" in ${chart.series.map((s) => s.name).join(', ')}`);
  return found;
};
const closeTo = (actual: [number, number][], expected: [number, number][], digits = 2) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach(([x, y], i) => {
    expect(x).toBeCloseTo(expected[i]![0], digits);
    expect(y).toBeCloseTo(expected[i]![1], digits);
  });
};
const epochValues = (values: readonly number[], from: number, scale = 1): [number, number][] =>
  values.map((value, i): [number, number] => [i + 1, scale * value]).filter(([epoch]) => epoch >= from);

describe('curveFigures', () => {
  const runs = [0, 1].flatMap((seed) => [benchRun('baseline', seed), benchRun('halp', seed)]);
  const figures = curveFigures(runs);

  it('draws the shared warm-up once, as the baseline, and HaLP only from the epoch it branched off', () => {
    const chart = readLineChart(figure(figures, 'loss-curves'));
    expect(chart.series.map((series) => series.name).sort()).toEqual([
      'HaLP · seed 0',
      'HaLP · seed 1',
      'baseline (MoCo) · seed 0',
      'baseline (MoCo) · seed 1',
    ]);
    for (const seed of [0, 1]) {
      const baseline = runs.find((run) => run.method === 'baseline' && run.seed === seed)!;
      const halp = runs.find((run) => run.method === 'halp' && run.seed === seed)!;
      closeTo(
        seriesNamed(chart, `baseline (MoCo) · seed ${seed}`).points,
        epochValues(baseline.contrastiveLosses, 1),
      );
      // HaLP's line starts at the checkpoint it was warm-started from (the warm-up's last epoch),
      // then follows its own epochs: nothing of the warm-up is credited to it.
      closeTo(seriesNamed(chart, `HaLP · seed ${seed}`).points, epochValues(halp.contrastiveLosses, WARMUP));
    }
    expect(chart.events).toEqual([`warm starts from the epoch-${WARMUP} checkpoint`]);
    expect(chart.xLabel).toBe('epoch');
    expect(chart.yLabel).toMatch(/L_CL/);
  });

  it('gives each method one colour and each seed one line style, with a legend of both', () => {
    const chart = readLineChart(figure(figures, 'loss-curves'));
    const style = (name: string) => seriesNamed(chart, name);
    expect(style('HaLP · seed 0').colour).toBe(style('HaLP · seed 1').colour);
    expect(style('baseline (MoCo) · seed 0').colour).toBe(style('baseline (MoCo) · seed 1').colour);
    expect(style('HaLP · seed 0').colour).not.toBe(style('baseline (MoCo) · seed 0').colour);
    expect(style('HaLP · seed 0').dash).toBe(style('baseline (MoCo) · seed 0').dash);
    expect(style('HaLP · seed 1').dash).toBe(style('baseline (MoCo) · seed 1').dash);
    expect(style('HaLP · seed 0').dash).not.toBe(style('HaLP · seed 1').dash);
    expect(chart.legend).toEqual(['baseline (MoCo)', 'HaLP', 'seed 0', 'seed 1']);
  });

  it('plots kNN accuracy in percent, HaLP from its branch point', () => {
    const chart = readLineChart(figure(figures, 'knn-accuracy'));
    expect(chart.yLabel).toBe('kNN top-1 (%)');
    expect(Math.max(...chart.yTicks)).toBeGreaterThan(50);
    for (const run of runs) {
      const name = `${run.label} · seed ${run.seed}`;
      const expected = run.knnCurve
        .filter(([epoch]) => run.start === 'resume' || epoch >= WARMUP)
        .map(([epoch, accuracy]): [number, number] => [epoch, 100 * accuracy]);
      closeTo(seriesNamed(chart, name).points, expected, 1);
    }
  });

  it('shows HaLP’s terms after the branch: L_CL beside the baseline’s, μ·L_HaLP and the kept fraction in %', () => {
    const panels = chartPanels(figure(figures, 'halp-terms')).map(readLineChart);
    expect(panels).toHaveLength(3);
    const [contrastive, pull, kept] = panels as [ReadChart, ReadChart, ReadChart];
    expect(contrastive.series.map((s) => s.name).sort()).toEqual([
      'HaLP · seed 0',
      'HaLP · seed 1',
      'baseline (MoCo) · seed 0',
      'baseline (MoCo) · seed 1',
    ]);
    expect(pull.series.map((s) => s.name)).toEqual(['HaLP · seed 0', 'HaLP · seed 1']);
    expect(kept.yLabel).toBe('kept (%)');
    expect(pull.yLabel).toMatch(/μ·L_HaLP/);
    for (const run of runs.filter((r) => r.method === 'halp')) {
      const name = `HaLP · seed ${run.seed}`;
      closeTo(seriesNamed(pull, name).points, epochValues(run.hallucinationLosses, WARMUP + 1));
      closeTo(seriesNamed(kept, name).points, epochValues(run.keptFractions, WARMUP + 1, 100), 1);
      closeTo(seriesNamed(contrastive, name).points, epochValues(run.contrastiveLosses, WARMUP + 1));
    }
    // One legend for the figure, beside the first panel; the panels share their x axis.
    expect(contrastive.legend).toEqual(['baseline (MoCo)', 'HaLP', 'seed 0', 'seed 1']);
    expect([pull.legend, kept.legend]).toEqual([[], []]);
    expect(contrastive.xTicks).toEqual(pull.xTicks);
    expect(pull.xTicks).toEqual(kept.xTicks);
  });

  it('names no seed with a single seed, and draws a warm-up nobody continues in grey on its own', () => {
    const chart = readLineChart(figure(curveFigures([benchRun('halp', 3)]), 'loss-curves'));
    expect(chart.series.map((s) => s.name)).toEqual(['warm-up (moco)', 'HaLP']);
    expect(chart.legend).toEqual(['HaLP', 'shared warm-up']);
    const [warmup, halp] = chart.series as [ReadChart['series'][number], ReadChart['series'][number]];
    const values = benchRun('halp', 3).contrastiveLosses;
    closeTo(
      warmup.points,
      epochValues(values, 1).filter(([epoch]) => epoch <= WARMUP),
    );
    closeTo(halp.points, epochValues(values, WARMUP));
    expect(warmup.colour).not.toBe(halp.colour);
  });

  it('draws only the first seed when rows × seeds would be too many lines to tell apart, and says so', () => {
    const many = [4, 5].flatMap((seed) =>
      Array.from({ length: 7 }, (_, i): BenchRun => ({ ...benchRun('baseline', seed), label: `row ${i}` })),
    );
    const chart = readLineChart(figure(curveFigures(many), 'knn-accuracy'));
    expect(chart.title).toMatch(/\(seed 4 of 2 seeds\)/);
    expect(chart.series.map((s) => s.name)).toEqual(Array.from({ length: 7 }, (_, i) => `row ${i}`));
    expect(chart.legend).toEqual(Array.from({ length: 7 }, (_, i) => `row ${i}`));
    expect(new Set(chart.series.map((s) => s.colour)).size).toBe(7);
  });

  it('leaves the HaLP panel out when no row has HaLP’s term', () => {
    expect(curveFigures([benchRun('baseline', 0)]).map((f) => f.name)).toEqual([
      'loss-curves',
      'knn-accuracy',
    ]);
  });
});

describe('featureFigure', () => {
  it('draws training clips as outlines under the filled held-out clips, with labelled axes', () => {
    const svg = featureFigure(benchRun('halp', 0), ['walk', 'sit', 'wave']).svg;
    expectWellFormedSvg(svg);
    const markers = markersIn(svg, 'points');
    expect(markers).toHaveLength(4 + 6);
    expect(markers.slice(0, 4).every((m) => m.includes('fill="none"'))).toBe(true);
    expect(markers.slice(4).every((m) => !m.includes('fill="none"'))).toBe(true);
    expect(svg).toMatch(/>first principal component \(\d+\.\d% of variance\)</);
    expect(svg).toMatch(/>second principal component \(\d+\.\d% of variance\)</);
    for (const label of ['walk', 'sit', 'wave', 'held-out clip (filled)', 'training clip (outline)']) {
      expect(svg).toContain(`>${label}<`);
    }
  });
});
