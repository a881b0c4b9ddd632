import type { Matrix } from '@halp/hypersphere';
import { createRandom } from '@halp/random';
import {
  featureHallucinationPicture,
  lineChart,
  principalComponents2,
  scatterPlot,
} from '../report/index.js';
import type { BenchRun } from './run-bench.js';

/** An SVG figure of the report. */
export interface Figure {
  readonly name: string;
  readonly svg: string;
}

/** Lines that still read apart on one chart; with more, only the first seed's runs are drawn. */
const MAX_SERIES = 8;

/** Loss per epoch and kNN accuracy per epoch of every run (one line each), ensembles excepted. */
export function curveFigures(allRuns: readonly BenchRun[]): Figure[] {
  const trained = allRuns.filter((run) => run.stream !== 'ensemble');
  const runs = trained.length > MAX_SERIES ? trained.filter((run) => run.seed === trained[0]!.seed) : trained;
  const label = (run: BenchRun) => `${run.label} (seed ${run.seed})`;
  // The streams of one run share its losses: one line per run.
  const firstStreams = runs.filter(
    (run, i) => runs.findIndex((other) => other.seed === run.seed && other.method === run.method) === i,
  );
  return [
    {
      name: 'loss-curves',
      svg: lineChart({
        title: 'InfoNCE term L_CL per epoch (HaLP adds μ·L_HaLP from the warm start)',
        xLabel: 'epoch',
        yLabel: 'mean L_CL',
        series: firstStreams.map((run) => ({
          name: `${run.method} (seed ${run.seed})`,
          points: run.contrastiveLosses.map((loss, i) => [i + 1, loss] as [number, number]),
        })),
      }),
    },
    {
      name: 'knn-accuracy',
      svg: lineChart({
        title: 'kNN (1-NN, cosine) top-1 on the held-out split during pretraining',
        xLabel: 'epoch',
        yLabel: 'top-1',
        series: runs.map((run) => ({
          name: label(run),
          points: run.knnCurve.map(([epoch, accuracy]) => [epoch, accuracy] as [number, number]),
        })),
      }),
    },
  ];
}

/** The held-out features of one run projected on their first two principal components. */
export function featureFigure(run: BenchRun, classNames?: readonly string[]): Figure {
  const projection = principalComponents2(run.evaluation.heldOutFeatures, createRandom(run.seed));
  return {
    name: `features-${run.method}-${run.stream}-seed-${run.seed}`,
    svg: scatterPlot({
      title: `Held-out features of ${run.label} (seed ${run.seed}), first two principal components`,
      points: Array.from(run.evaluation.heldOutLabels, (group, i) => ({
        x: projection.x[i]!,
        y: projection.y[i]!,
        group,
      })),
      groupNames: classNames,
    }),
  };
}

/** HaLP's positives in a trained embedding space (see {@link featureHallucinationPicture}). */
export function hallucinationFigure(features: Matrix, seed: number): Figure {
  return { name: 'hallucinated-positives', svg: featureHallucinationPicture(features, { seed }) };
}
