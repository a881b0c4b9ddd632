import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Matrix, matrixFromRows } from '@halp/hypersphere';

/** Location of the reference-generated vectors: `../shared` beside the repository root. */
export const FIXTURE_PATH = path.resolve(__dirname, '../../../../shared/fixtures/halp-vectors/cases.json');

export const fixtureAvailable = existsSync(FIXTURE_PATH);

/** One case of `cases.json` (see the fixture's README), with NaN/infinity strings decoded. */
export interface ReferenceCase {
  readonly name: string;
  readonly args: {
    readonly B: number;
    readonly D: number;
    readonly P: number;
    readonly num_positives: number;
    readonly num_closest_to_ignore_positives: number;
    readonly skip_closest_positives: number;
    readonly lambda_pos: number;
    readonly T: number;
  };
  readonly anchors: Matrix;
  readonly prototypes: Matrix;
  readonly queries: Matrix;
  /** Prototype index per positive, flattened b·G + g. */
  readonly selected: number[];
  /** The uniform draw per positive, or undefined when λ = 1000 drew none. */
  readonly u: number[] | undefined;
  readonly referenceMaxT: number[];
  readonly referenceT: number[];
  /** Ω between each positive's anchor and P_sel, as the reference measured it. */
  readonly referenceAngle: number[];
  /** Normalised generated points, one row per positive. */
  readonly referencePositives: number[][];
  readonly referenceKeep: boolean[];
  readonly referenceAnchorClosest: number[];
  readonly referenceLoss: number;
}

function decode(value: unknown): unknown {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (Array.isArray(value)) return value.map(decode);
  return value;
}

// biome-ignore lint/suspicious/noExplicitAny: raw JSON is typed by the fields read below.
type Json = any;

export function loadReferenceCases(): ReferenceCase[] {
  const file: Json = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8'));
  return file.cases.map((raw: Json): ReferenceCase => {
    const flat = (value: unknown) => (decode(value) as unknown[]).flat() as number[];
    return {
      name: raw.name,
      args: raw.args,
      anchors: matrixFromRows(decode(raw.inputs.anchors) as number[][]),
      prototypes: matrixFromRows(decode(raw.inputs.prototypes) as number[][]),
      queries: matrixFromRows(decode(raw.inputs.q) as number[][]),
      selected: flat(raw.rng.selected_prototype_index),
      u: raw.rng.uniform_u == null ? undefined : flat(raw.rng.uniform_u),
      referenceMaxT: flat(raw.outputs.max_t),
      referenceT: flat(raw.outputs.t_used),
      referenceAngle: flat(raw.intermediates.omega),
      referencePositives: (decode(raw.outputs.generated_normalized) as number[][][]).flat(),
      referenceKeep: (raw.outputs.good_positive_mask as boolean[][]).flat(),
      referenceAnchorClosest: raw.outputs.anchor_closest_prototype_topk,
      referenceLoss: decode(raw.outputs.halp_loss) as number,
    };
  });
}
