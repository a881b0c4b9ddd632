import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
function before(record: Readonly<Record<string, unknown>>, position: { epoch: number; step: number }) {
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
    rewind(position) {
      if (!existsSync(path)) return;
      named(() => {
        const kept = readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => line !== '' && before(JSON.parse(line) as Record<string, unknown>, position));
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, kept.map((line) => `${line}\n`).join(''));
        renameSync(temporary, path);
      });
    },
  };
}

/** Keeps records in memory (for tests and for callers that plot them). */
export function memoryMetricsSink(): MetricsSink & { readonly records: Readonly<Record<string, unknown>>[] } {
  const records: Readonly<Record<string, unknown>>[] = [];
  return {
    records,
    write: (record) => void records.push(record),
    rewind: (position) => {
      const kept = records.filter((record) => before(record, position));
      records.splice(0, records.length, ...kept);
    },
  };
}
