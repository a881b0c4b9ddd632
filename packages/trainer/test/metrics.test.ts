import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonlMetricsSink } from '../src/node/jsonl-metrics-sink.js';

describe.skipIf(!existsSync('/dev/full'))('the metrics file on a full disk (/dev/full)', () => {
  it('names the file', () => {
    const sink = jsonlMetricsSink('/dev/full');
    expect(() => sink.write({ type: 'step' })).toThrow(
      /^cannot write metrics file \/dev\/full: ENOSPC: no space left on device/,
    );
  });
});
