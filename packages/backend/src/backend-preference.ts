/** The tfjs backends halp can run on, in the order `auto` tries them. */
export const BACKEND_CANDIDATES = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;

/** One concrete backend. */
export type BackendCandidate = (typeof BACKEND_CANDIDATES)[number];

/** What the user asks for: a concrete backend, or `auto` for the first that works. */
export type BackendPreference = 'auto' | BackendCandidate;

/** Thrown for a `--backend` value that is not one of {@link BackendPreference}. */
export class InvalidBackendPreferenceError extends Error {
  override readonly name = 'InvalidBackendPreferenceError';
  constructor(readonly value: string) {
    super(`Unknown backend "${value}": expected one of auto, ${BACKEND_CANDIDATES.join(', ')}`);
  }
}

/** Validates a user-supplied backend preference. */
export function parseBackendPreference(value: string): BackendPreference {
  if (value === 'auto' || (BACKEND_CANDIDATES as readonly string[]).includes(value)) {
    return value as BackendPreference;
  }
  throw new InvalidBackendPreferenceError(value);
}
