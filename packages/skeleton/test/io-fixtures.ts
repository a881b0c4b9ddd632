import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { afterEach } from 'vitest';

/** The shared fixtures folder beside the repository (absent on machines without it: tests skip). */
export const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures');
export const HAVE_FIXTURES = existsSync(path.join(FIXTURES, 'formats', 'manifest.json'));

export function fixturePath(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

export function readManifest<T>(folder: string): T {
  return JSON.parse(readFileSync(fixturePath(folder, 'manifest.json'), 'utf8')) as T;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function rightOf<L, R>(either: E.Either<L, R>): R {
  if (E.isLeft(either)) throw new Error(`expected Right, got Left: ${JSON.stringify(either.left)}`);
  return either.right;
}

export function leftOf<L, R>(either: E.Either<L, R>): L {
  if (E.isRight(either)) throw new Error('expected Left, got Right');
  return either.left;
}

export async function run<L, R>(task: TE.TaskEither<L, R>): Promise<E.Either<L, R>> {
  return task();
}

/** A fresh temporary folder per test, removed afterwards. */
export function useTempDir(): () => string {
  let current: string | undefined;
  afterEach(() => {
    if (current !== undefined) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  return () => {
    current ??= mkdtempSync(path.join(tmpdir(), 'halp-io-'));
    return current;
  };
}
