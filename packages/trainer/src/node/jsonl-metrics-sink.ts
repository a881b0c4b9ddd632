import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MetricsSink } from '../metrics.js';

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
