import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type MetricsSink, MetricsWriteError, recordBefore } from '../metrics.js';

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
          .filter(
            (line) => line !== '' && recordBefore(JSON.parse(line) as Record<string, unknown>, position),
          );
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, kept.map((line) => `${line}\n`).join(''));
        renameSync(temporary, path);
      });
    },
  };
}
