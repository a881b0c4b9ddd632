import { getBackend, setBackend } from '@tensorflow/tfjs-core';
import { type BackendAttempt, NoBackendAvailableError, type SelectedBackend } from './backend-attempt.js';
import {
  BACKEND_CANDIDATES,
  type BackendCandidate,
  type BackendPreference,
  parseBackendPreference,
} from './backend-preference.js';
import type { CandidateOptions, CandidateOutcome, PrepareCandidate } from './candidates/candidate-outcome.js';
import { prepareCpu, skipCpuBackendAdvert } from './candidates/cpu-candidate.js';
import { prepareTensorflow } from './candidates/tensorflow-candidate.js';
import { prepareWasm } from './candidates/wasm-candidate.js';
import { prepareWebgpu } from './candidates/webgpu-candidate.js';

/** How to prepare each candidate backend. */
export const PREPARE_CANDIDATE: Readonly<Record<BackendCandidate, PrepareCandidate>> = {
  tensorflow: prepareTensorflow,
  webgpu: prepareWebgpu,
  wasm: prepareWasm,
  cpu: prepareCpu,
};

export interface SelectBackendOptions {
  /**
   * `auto` tries tensorflow (tfjs-node-gpu, tfjs-node), webgpu (hardware adapters only), wasm, cpu in
   * that order.
   */
  readonly preference?: BackendPreference | string;
  /** XNNPACK threads for the WASM backend (default 1: tfjs's single-threaded build). */
  readonly threads?: number;
  /** Receives one line saying what was picked and why the others were skipped. */
  readonly log?: (line: string) => void;
}

/**
 * Activates a tfjs backend and says why. With `auto`, the first candidate that loads and initialises
 * wins; optional modules that are missing or broken are reasons, not errors. An explicit preference
 * never silently falls back: if it fails, {@link NoBackendAvailableError} says why.
 *
 * @throws InvalidBackendPreferenceError for an unknown preference.
 * @throws NoBackendAvailableError when no candidate works.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<SelectedBackend> {
  const preference = parseBackendPreference(options.preference ?? 'auto');
  const threads = options.threads ?? 1;
  const candidates = preference === 'auto' ? BACKEND_CANDIDATES : [preference];
  const attempts: BackendAttempt[] = [];
  for (const candidate of candidates) {
    const outcome = await activate(candidate, { threads, explicit: preference !== 'auto' });
    attempts.push({ candidate, ok: outcome.ok, reason: outcome.ok ? outcome.detail : outcome.reason });
    if (outcome.ok) {
      options.log?.(describeSelection(candidate, attempts));
      return { name: candidate, reasons: attempts };
    }
  }
  throw new NoBackendAvailableError(attempts);
}

async function activate(candidate: BackendCandidate, options: CandidateOptions): Promise<CandidateOutcome> {
  const prepared = await PREPARE_CANDIDATE[candidate](options);
  if (!prepared.ok) return prepared;
  try {
    if ((await setBackend(candidate)) && getBackend() === candidate) {
      if (candidate === 'cpu') skipCpuBackendAdvert();
      return prepared;
    }
    return {
      ok: false,
      reason: `${prepared.detail} loaded, but tf.setBackend('${candidate}') failed to initialise it`,
    };
  } catch (error) {
    return { ok: false, reason: `tf.setBackend('${candidate}') threw: ${String(error)}` };
  }
}

function describeSelection(candidate: BackendCandidate, attempts: readonly BackendAttempt[]): string {
  const chosen = attempts.find((attempt) => attempt.ok)!;
  const skipped = attempts.filter((attempt) => !attempt.ok).map((a) => `${a.candidate} skipped: ${a.reason}`);
  return [`tfjs backend: ${candidate} (${chosen.reason})`, ...skipped].join('\n  ');
}
