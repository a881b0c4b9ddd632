/** Where a run's metrics go: one JSON object per record. */
export interface MetricsSink {
  write(record: Readonly<Record<string, unknown>>): void;
  /**
   * A run resumes from a checkpoint taken after `epoch` epochs and `step` steps: drops what an
   * interrupted attempt recorded after it (steps > `step`, epochs ≥ `epoch`, its stop), so that
   * the records read as one uninterrupted run.
   */
  rewind?(position: { readonly epoch: number; readonly step: number }): void;
}

/** Whether a record was written before the position a run resumes from. */
export function recordBefore(
  record: Readonly<Record<string, unknown>>,
  position: { epoch: number; step: number },
) {
  if (record.type === 'step') return (record.step as number) <= position.step;
  if (record.type === 'epoch') return (record.epoch as number) < position.epoch;
  return record.type !== 'stopped';
}

export const nullMetricsSink: MetricsSink = { write: () => undefined };

/** The metrics file could not be written: names it and the cause (e.g. ENOSPC). */
export class MetricsWriteError extends Error {
  override readonly name = 'MetricsWriteError';
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`cannot write metrics file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Keeps records in memory (for tests and for callers that plot them). */
export function memoryMetricsSink(): MetricsSink & { readonly records: Readonly<Record<string, unknown>>[] } {
  const records: Readonly<Record<string, unknown>>[] = [];
  return {
    records,
    write: (record) => void records.push(record),
    rewind: (position) => {
      const kept = records.filter((record) => recordBefore(record, position));
      records.splice(0, records.length, ...kept);
    },
  };
}
