import type { PretrainConfig } from './config.js';

/**
 * Settings a resumed run may change: how long it runs, where it writes, how often it is watched and
 * saved, and where it computes. Everything else defines the run a checkpoint belongs to.
 */
const MAY_CHANGE_ON_RESUME: ReadonlySet<string> = new Set([
  'epochs',
  'checkpoint',
  'metricsFile',
  'knnEvery',
  'backend',
]);

/** One setting that differs between a checkpoint's run and the run asked to resume it. */
export interface ResumeMismatch {
  readonly path: string;
  readonly saved: string;
  readonly requested: string;
}

/** `--resume` was given a checkpoint of another run: names every setting that differs. */
export class ResumeMismatchError extends Error {
  override readonly name = 'ResumeMismatchError';
  constructor(readonly mismatches: readonly ResumeMismatch[]) {
    super(
      `cannot resume: the checkpoint belongs to another run (${mismatches
        .map((m) => `${m.path} is ${m.saved} there, ${m.requested} here`)
        .join('; ')}); resume with the checkpoint's settings, or start ${
        mismatches.some((m) => m.path === 'method' || m.path.startsWith('methodOptions'))
          ? 'the new method from it with --warm-start'
          : 'a new run'
      }`,
    );
  }
}

/** The settings, by dotted path, in which `saved` (a checkpoint's config) and `requested` differ. */
export function resumeMismatches(saved: unknown, requested: PretrainConfig): ResumeMismatch[] {
  const before = flatten(saved);
  const after = flatten(requested);
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter(
    (path) => !MAY_CHANGE_ON_RESUME.has(path.split('.')[0]!),
  );
  return paths
    .filter((path) => before.get(path) !== after.get(path))
    .map((path) => ({ path, saved: before.get(path) ?? 'unset', requested: after.get(path) ?? 'unset' }));
}

/** Throws {@link ResumeMismatchError} unless the checkpoint's config is this run's (but for {@link MAY_CHANGE_ON_RESUME}). */
export function checkResumable(metadata: Readonly<Record<string, unknown>>, config: PretrainConfig): void {
  const mismatches = resumeMismatches(metadata.config, config);
  if (mismatches.length > 0) throw new ResumeMismatchError(mismatches);
}

/** Leaves (and arrays, as wholes) by dotted path, as JSON text. */
function flatten(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value))
      flatten(child, path === '' ? key : `${path}.${key}`, into);
  } else if (path !== '') {
    into.set(path, JSON.stringify(value));
  }
  return into;
}
