// Wall-clock sampling of a benchmark case. Warm-up calls come first and are not timed: the first
// calls pay for JIT compilation, kernel set-up and first allocations, which a long run amortises.
import { median } from './statistics.mjs';

/** Milliseconds of each of `samples` calls of `run`, after `warmup` untimed calls. */
export function sampleMilliseconds(run, samples, warmup = 1) {
  for (let i = 0; i < warmup; i += 1) run();
  return Array.from({ length: samples }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
}

/** `sampleMilliseconds` for an async `run`, each call awaited before the next starts. */
export async function sampleMillisecondsAsync(run, samples, warmup = 1) {
  for (let i = 0; i < warmup; i += 1) await run();
  const times = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** One table row for a case: median and minimum milliseconds of `repeats` calls after one warm-up. */
export function timeCase(label, repeats, run) {
  const times = sampleMilliseconds(run, repeats);
  return { label, repeats, medianMs: median(times), minMs: Math.min(...times) };
}

/** The table cells of a `timeCase` row. */
export function timeCaseCells({ label, medianMs, minMs, repeats }) {
  return { case: label, 'median ms': medianMs.toFixed(1), 'min ms': minMs.toFixed(1), runs: repeats };
}
