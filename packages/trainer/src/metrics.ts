/** Where a run's metrics go: one JSON object per record. */
export interface MetricsSink {
  write(record: Readonly<Record<string, unknown>>): void;
}

export const nullMetricsSink: MetricsSink = { write: () => undefined };

/** Keeps records in memory (for tests and for callers that plot them). */
export function memoryMetricsSink(): MetricsSink & { readonly records: Readonly<Record<string, unknown>>[] } {
  const records: Readonly<Record<string, unknown>>[] = [];
  return { records, write: (record) => void records.push(record) };
}
