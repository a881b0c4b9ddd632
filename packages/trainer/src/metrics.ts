import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a run's metrics go: one JSON object per record. */
export interface MetricsSink {
  write(record: Readonly<Record<string, unknown>>): void;
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

/**
 * Appends records to a JSONL file, one line each, with a timestamp. Appending keeps earlier lines
 * when a run is resumed. A failing write throws {@link MetricsWriteError}, naming the file.
 */
export function jsonlMetricsSink(path: string): MetricsSink {
  const named = (action: () => void) => {
    try {
      action();
    } catch (error) {
      throw new MetricsWriteError(path, error);
    }
  };
  named(() => mkdirSync(dirname(path), { recursive: true }));
  return {
    write(record) {
      named(() => appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`));
    },
  };
}

/** Keeps records in memory (for tests and for callers that plot them). */
export function memoryMetricsSink(): MetricsSink & { readonly records: Readonly<Record<string, unknown>>[] } {
  const records: Readonly<Record<string, unknown>>[] = [];
  return { records, write: (record) => void records.push(record) };
}
