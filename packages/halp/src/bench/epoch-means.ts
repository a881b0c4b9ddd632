/** A metrics record as the trainer writes it (`type: 'step'` records carry `epoch` and the step's scalars). */
type MetricsRecord = Readonly<Record<string, unknown>>;

/** The per-epoch curves of one run that the report draws, one entry per epoch in order. */
export interface EpochCurves {
  /** Mean over the epoch's steps of Σ L_CL (`loss/contrastive`, one term per stream pair). */
  readonly contrastiveLosses: number[];
  /** Mean over the steps that had it of Σ μ·L_HaLP (`loss/halp…`); NaN in epochs without the term. */
  readonly hallucinationLosses: number[];
  /**
   * Mean over the steps that had it of the fraction of hallucinated positives kept
   * (`method/keptFraction…`, averaged over key streams); NaN in epochs without HaLP.
   */
  readonly keptFractions: number[];
}

const isTerm = (name: string) => (key: string) => key === name || key.startsWith(`${name}/`);

/**
 * The per-epoch means of the step records of one run (the memory metrics sink's records, or
 * metrics.jsonl's lines), epochs in increasing order.
 */
export function epochCurves(records: readonly MetricsRecord[]): EpochCurves {
  const steps = records.filter((record) => record.type === 'step' && typeof record.epoch === 'number');
  const epochs = [...new Set(steps.map((record) => record.epoch as number))].sort((a, b) => a - b);
  const perEpoch = (value: (record: MetricsRecord) => number | undefined) =>
    epochs.map((epoch) => {
      const values = steps
        .filter((record) => record.epoch === epoch)
        .map(value)
        .filter((v) => v !== undefined);
      return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
    });
  return {
    contrastiveLosses: perEpoch((record) => combine(record, isTerm('loss/contrastive'), 'sum')),
    hallucinationLosses: perEpoch((record) => combine(record, isTerm('loss/halp'), 'sum')),
    keptFractions: perEpoch((record) => combine(record, isTerm('method/keptFraction'), 'mean')),
  };
}

/** The sum or mean of a record's numeric fields whose keys match, or undefined when none does. */
function combine(
  record: MetricsRecord,
  matches: (key: string) => boolean,
  how: 'sum' | 'mean',
): number | undefined {
  const values = Object.entries(record)
    .filter(([key, value]) => matches(key) && typeof value === 'number')
    .map(([, value]) => value as number);
  if (values.length === 0) return undefined;
  const sum = values.reduce((total, value) => total + value, 0);
  return how === 'sum' ? sum : sum / values.length;
}
