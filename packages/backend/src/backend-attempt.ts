import type { BackendCandidate } from './backend-preference.js';

/** One candidate that was tried: used (`ok`), or skipped and why. */
export interface BackendAttempt {
  readonly candidate: BackendCandidate;
  readonly ok: boolean;
  readonly reason: string;
}

/** The backend now active in tfjs, and every candidate tried on the way. */
export interface SelectedBackend {
  readonly name: BackendCandidate;
  readonly reasons: readonly BackendAttempt[];
}

/** Thrown when no candidate could be activated (for an explicit preference: that one). */
export class NoBackendAvailableError extends Error {
  override readonly name = 'NoBackendAvailableError';
  constructor(readonly attempts: readonly BackendAttempt[]) {
    super(
      `No tfjs backend could be activated: ${attempts.map((a) => `${a.candidate}: ${a.reason}`).join('; ')}`,
    );
  }
}
