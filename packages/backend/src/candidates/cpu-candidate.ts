import '@tensorflow/tfjs-backend-cpu';
import type { CandidateOutcome } from './candidate-outcome.js';

/** The plain-JavaScript backend: always available, 5–10× slower than WASM on training steps. */
export async function prepareCpu(): Promise<CandidateOutcome> {
  return { ok: true, detail: 'plain JavaScript kernels' };
}
