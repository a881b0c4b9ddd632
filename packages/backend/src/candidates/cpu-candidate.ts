import '@tensorflow/tfjs-backend-cpu';
import { findBackend } from '@tensorflow/tfjs-core';
import type { CandidateOutcome } from './candidate-outcome.js';

/** The plain-JavaScript backend: always available, 5–10× slower than WASM on training steps. */
export async function prepareCpu(): Promise<CandidateOutcome> {
  return { ok: true, detail: 'plain JavaScript kernels' };
}

/**
 * Under Node, tfjs's CPU backend prints an advert for tfjs-node on stderr at its first tensor. The
 * selection line already says why no faster backend was used, so the advert is skipped: it is
 * printed only while the backend's (untyped) `firstUse` flag is set.
 */
export function skipCpuBackendAdvert(): void {
  const backend = findBackend('cpu') as { firstUse?: boolean } | undefined;
  if (backend?.firstUse === true) backend.firstUse = false;
}
