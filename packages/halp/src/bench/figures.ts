import type { Matrix } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import {
  type ChartEvent,
  featureHallucinationPicture,
  groupColour,
  type LegendLine,
  type LineChartSpec,
  type LineSeries,
  lineChart,
  principalComponents2,
  projectionAxisLabels,
  type ScatterPoint,
  scatterPlot,
  stackedLineCharts,
} from '../report/index.js';
import { stackRows } from '../report/stack-rows.js';
import type { BenchRun } from './run-bench.js';

/** An SVG figure of the report, with the sentence that explains how to read it. */
export interface Figure {
  readonly name: string;
  readonly svg: string;
  readonly caption: string;
}

/** Line styles of the seeds, in order of the seeds (solid, dashed, dotted, dash-dot, then again). */
export const SEED_DASHES: readonly (string | undefined)[] = [undefined, '7 4', '2 3', '9 3 2 3'];
/** Colour of a warm-up drawn on its own (when no row continues it). */
const WARMUP_COLOUR = '#999999';
/** More (row, seed) lines than this do not read apart: then only the first seed is drawn. */
const MAX_LINES = 12;

type Point = [number, number];

const CURVE_CONVENTION =
  "One colour per row, one line style per seed. Rows share their family's warm-up: it is drawn once, as the row that continues it, and rows warm-started from its checkpoint begin at the marked epoch.";

/**
 * Loss and kNN accuracy per epoch (ensembles excepted), and HaLP's terms when a row has them. One
 * colour per row, one line style per seed. A family's warm-up is drawn once, as the row that
 * continues it (the baseline); rows warm-started from its checkpoint (HaLP) begin at the branch
 * epoch, marked on the chart, so that no row is credited with epochs it did not train.
 */
export function curveFigures(allRuns: readonly BenchRun[]): Figure[] {
  const trained = allRuns.filter((run) => run.stream !== 'ensemble');
  const seeds = [...new Set(trained.map((run) => run.seed))].sort((a, b) => a - b);
  const rows = [...new Set(trained.map((run) => run.label))];
  const drawnSeeds = rows.length * seeds.length > MAX_LINES ? seeds.slice(0, 1) : seeds;
  const runs = trained.filter((run) => drawnSeeds.includes(run.seed));
  const seedNote =
    drawnSeeds.length < seeds.length ? ` (seed ${drawnSeeds[0]} of ${seeds.length} seeds)` : '';
  // The streams of one run share its losses: one line per run, labelled by its row.
  const perRun = runs.filter(
    (run, i) => runs.findIndex((other) => other.seed === run.seed && other.method === run.method) === i,
  );
  const figures: Figure[] = [
    {
      name: 'loss-curves',
      caption: `Mean InfoNCE term per epoch. ${CURVE_CONVENTION}`,
      svg: lineChart({
        title: `Contrastive term L_CL per epoch${seedNote}`,
        xLabel: 'epoch',
        yLabel: 'mean L_CL per step (InfoNCE, nats)',
        pointMarkers: false,
        ...branchingLines(
          perRun,
          (run) => run.rowLabel,
          drawnSeeds,
          (run) => epochPoints(run.contrastiveLosses),
        ),
      }),
    },
    {
      name: 'knn-accuracy',
      caption: `1-NN top-1 (%) of each stream on the held-out split, measured during pretraining. ${CURVE_CONVENTION}`,
      svg: lineChart({
        title: `1-NN (cosine) top-1 on the held-out split during pretraining${seedNote}`,
        xLabel: 'epoch',
        yLabel: 'kNN top-1 (%)',
        ...branchingLines(
          runs,
          (run) => run.label,
          drawnSeeds,
          (run) => run.knnCurve.map(([epoch, accuracy]): Point => [epoch, 100 * accuracy]),
        ),
      }),
    },
  ];
  const halp = halpTermsFigure(perRun, drawnSeeds);
  return halp === undefined ? figures : [...figures, halp];
}

/** (epoch, value) of per-epoch values, epochs counted from 1. */
function epochPoints(values: readonly number[]): Point[] {
  return values.map((value, i): Point => [i + 1, value]);
}

/**
 * The lines of rows that share warm-ups: a `resume` row is drawn whole (it is the warm-up,
 * continued); a `warm-start` row from the last point of its warm-up (the checkpoint it started
 * from) on. A warm-up that no drawn row continues gets a grey line of its own. Colours follow the
 * rows' order, dashes the seeds'; the legend lists rows, then seeds when there are several.
 */
function branchingLines(
  runs: readonly BenchRun[],
  rowOf: (run: BenchRun) => string,
  seeds: readonly number[],
  pointsOf: (run: BenchRun) => Point[],
): Pick<LineChartSpec, 'series' | 'legend' | 'events'> {
  const rows = [...new Set(runs.map(rowOf))];
  const colourOf = (run: BenchRun) => groupColour(rows.indexOf(rowOf(run)));
  const dashOf = (seed: number) => SEED_DASHES[seeds.indexOf(seed) % SEED_DASHES.length];
  const seedSuffix = (seed: number) => (seeds.length > 1 ? ` · seed ${seed}` : '');
  const series: LineSeries[] = [];
  const orphanWarmups = new Map<string, LineSeries>();
  for (const run of runs) {
    const points = pointsOf(run);
    if (run.start === 'resume') {
      series.push({
        name: `${rowOf(run)}${seedSuffix(run.seed)}`,
        points,
        colour: colourOf(run),
        dash: dashOf(run.seed),
      });
      continue;
    }
    const warmupPoints = points.filter(([epoch]) => epoch <= run.warmup.epochs);
    const branch = warmupPoints[warmupPoints.length - 1];
    const own = points.filter(([epoch]) => epoch > run.warmup.epochs);
    series.push({
      name: `${rowOf(run)}${seedSuffix(run.seed)}`,
      points: branch === undefined ? own : [branch, ...own],
      colour: colourOf(run),
      dash: dashOf(run.seed),
    });
    const continued = runs.some(
      (other) =>
        other.start === 'resume' &&
        other.seed === run.seed &&
        other.warmup.name === run.warmup.name &&
        other.stream === run.stream,
    );
    const key = `${run.seed} ${run.warmup.name} ${run.stream}`;
    if (!continued && !orphanWarmups.has(key)) {
      // Per-stream rows (`ISC · graph-joint`) have per-stream warm-ups.
      const stream = rowOf(run).endsWith(` · ${run.stream}`) ? ` · ${run.stream}` : '';
      orphanWarmups.set(key, {
        name: `warm-up (${run.warmup.name})${stream}${seedSuffix(run.seed)}`,
        points: warmupPoints,
        colour: WARMUP_COLOUR,
        dash: dashOf(run.seed),
      });
    }
  }
  const legend: LegendLine[] = [
    ...rows.map((row, i) => ({ label: row, colour: groupColour(i) })),
    ...(orphanWarmups.size > 0 ? [{ label: 'shared warm-up', colour: WARMUP_COLOUR }] : []),
    ...(seeds.length > 1
      ? seeds.map((seed) => ({ label: `seed ${seed}`, colour: '#444444', dash: dashOf(seed) }))
      : []),
  ];
  const branchEpochs = [
    ...new Set(runs.filter((run) => run.start === 'warm-start').map((run) => run.warmup.epochs)),
  ];
  const events: ChartEvent[] = branchEpochs.map((epoch) => ({
    x: epoch,
    label: `warm starts from the epoch-${epoch} checkpoint`,
  }));
  // Rows that continue a warm-up go on top, so that the branch point shows in the warm-up's colour.
  const ordered = [
    ...series.filter((_, i) => runs[i]!.start !== 'resume'),
    ...series.filter((_, i) => runs[i]!.start === 'resume'),
  ];
  return { series: [...orphanWarmups.values(), ...ordered], legend, events };
}

/**
 * HaLP's objective term by term after the branch: L_CL of every HaLP row beside that of the row
 * continuing the same warm-up, μ·L_HaLP (negative: the cosine pull towards the hallucinated
 * positives, which outweighs L_CL), and the fraction of positives kept. Undefined without HaLP rows.
 */
function halpTermsFigure(perRun: readonly BenchRun[], seeds: readonly number[]): Figure | undefined {
  const hasTerm = (run: BenchRun) => run.hallucinationLosses.some((value) => Number.isFinite(value));
  const halpRuns = perRun.filter(hasTerm);
  if (halpRuns.length === 0) return undefined;
  const partners = perRun.filter(
    (run) =>
      !hasTerm(run) &&
      run.start === 'resume' &&
      halpRuns.some((halp) => halp.seed === run.seed && halp.warmup.name === run.warmup.name),
  );
  const shown = perRun.filter((run) => halpRuns.includes(run) || partners.includes(run));
  const from = Math.min(...halpRuns.map((run) => run.warmup.epochs));
  const to = Math.max(...shown.map((run) => run.contrastiveLosses.length));
  const rows = [...new Set(shown.map((run) => run.rowLabel))];
  const colourOf = (run: BenchRun) => groupColour(rows.indexOf(run.rowLabel));
  const dashOf = (seed: number) => SEED_DASHES[seeds.indexOf(seed) % SEED_DASHES.length];
  const seedSuffix = (seed: number) => (seeds.length > 1 ? ` · seed ${seed}` : '');
  const lines = (runs: readonly BenchRun[], values: (run: BenchRun) => readonly number[], scale = 1) =>
    runs.map(
      (run): LineSeries => ({
        name: `${run.rowLabel}${seedSuffix(run.seed)}`,
        points: epochPoints(values(run))
          .filter(([epoch]) => epoch > run.warmup.epochs)
          .map(([epoch, value]): Point => [epoch, scale * value]),
        colour: colourOf(run),
        dash: dashOf(run.seed),
      }),
    );
  const legend: LegendLine[] = [
    ...rows.map((row, i) => ({ label: row, colour: groupColour(i) })),
    ...(seeds.length > 1
      ? seeds.map((seed) => ({ label: `seed ${seed}`, colour: '#444444', dash: dashOf(seed) }))
      : []),
  ];
  const panel = (title: string, yLabel: string, series: LineSeries[], showLegend = false): LineChartSpec => ({
    title,
    xLabel: 'epoch',
    yLabel,
    series,
    legend,
    showLegend,
    pointMarkers: false,
    xRange: [from + 1, to],
    height: 260,
  });
  return {
    name: 'halp-terms',
    caption:
      "HaLP's objective after the warm start, per epoch: the InfoNCE term L_CL (beside the row that continues the same warm-up), the hallucination term μ·L_HaLP (negative: the scaled cosine pull of each query towards its hallucinated positives), and the share of positives kept because their closest prototype did not change.",
    svg: stackedLineCharts(
      `HaLP's objective L_CL + μ·L_HaLP, term by term, after the warm start at epoch ${from}`,
      [
        panel(
          'InfoNCE term L_CL (HaLP rows and the rows they branched from)',
          'mean L_CL per step (nats)',
          lines(shown, (run) => run.contrastiveLosses),
          true,
        ),
        panel(
          'μ·L_HaLP: pull towards the hallucinated positives',
          'mean μ·L_HaLP per step',
          lines(halpRuns, (run) => run.hallucinationLosses),
        ),
        panel(
          'Hallucinated positives kept (closest prototype unchanged)',
          'kept (%)',
          lines(halpRuns, (run) => run.keptFractions, 100),
        ),
      ],
    ),
  };
}

/**
 * Features of one run projected on the first two principal components of its held-out features
 * and training sample together: classes by colour and shape, held-out clips filled and drawn on
 * top, training clips as outlines.
 */
export function featureFigure(run: BenchRun, classNames?: readonly string[]): Figure {
  const { heldOutFeatures, heldOutLabels, trainSample } = run.evaluation;
  const projection = principalComponents2(
    stackRows([trainSample.features, heldOutFeatures]),
    createRandom(run.seed),
  );
  const point = (row: number, group: number, outline: boolean): ScatterPoint => ({
    x: projection.x[row]!,
    y: projection.y[row]!,
    group,
    outline,
  });
  const training = Array.from(trainSample.labels, (group, i) => point(i, group, true));
  const heldOut = Array.from(heldOutLabels, (group, i) => point(trainSample.features.rows + i, group, false));
  return {
    name: `features-${run.method}-${run.stream}-seed-${run.seed}`,
    caption: `${run.label} (seed ${run.seed}): held-out clips (filled) and up to ${trainSample.features.rows} training clips (outlines), projected together on their first two principal components; classes by colour and shape.`,
    svg: scatterPlot({
      title: `Features of ${run.label} (seed ${run.seed}) on their first two principal components`,
      points: [...training, ...heldOut],
      groupNames: classNames,
      markerLegend: [
        { marker: 'dot', label: 'held-out clip (filled)' },
        { marker: 'dot', label: 'training clip (outline)', outline: true },
      ],
      ...projectionAxisLabels(projection),
    }),
  };
}

/** HaLP's positives in a trained embedding space (see {@link featureHallucinationPicture}). */
export function hallucinationFigure(features: Matrix, seed: number, prototypes = 8, anchors = 6): Figure {
  return {
    name: 'hallucinated-positives',
    caption: `Positives hallucinated for ${anchors} anchors (held-out features of HaLP, seed ${seed}) towards prototypes clustered from those features: kept positives as dots, rejected ones as crosses, in the colour of their anchor's closest prototype.`,
    svg: featureHallucinationPicture(features, { seed, prototypes, anchors }),
  };
}
