import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a run's metrics go: one JSON object per record. */
export interface MetricsSink {
  write(record: Readonly<Record<string, unknown>>): void;
}

export const nullMetricsSink: MetricsSink = { write: () => undefined };

/**
 * Appends records to a JSONL file, one line each, with a timestamp. Appending keeps earlier lines
 * when a run is resumed.
 */
export function jsonlMetricsSink(path: string): MetricsSink {
  mkdirSync(dirname(path), { recursive: true });
  return {
    write(record) {
      appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
    },
  };
}

/** Keeps records in memory (for tests and for callers that plot them). */
export function memoryMetricsSink(): MetricsSink & { readonly records: Readonly<Record<string, unknown>>[] } {
  const records: Readonly<Record<string, unknown>>[] = [];
  return { records, write: (record) => void records.push(record) };
}
