import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** An optional dependency that was loaded, or why it was not. */
export type OptionalModule =
  | { readonly loaded: true; readonly exports: unknown; readonly path: string }
  | { readonly loaded: false; readonly missing: boolean; readonly reason: string };

/**
 * Imports an optional package that halp never installs itself (tfjs-node, tfjs-node-gpu, webgpu).
 *
 * It is resolved from the application's working directory first, where a user installs it, then from
 * this package. A package that is absent and one that is present but broken (e.g. a native binding
 * that was never built because the package manager skipped its install script) give different
 * reasons: both are normal outcomes here, never exceptions.
 */
export async function importOptional(specifier: string): Promise<OptionalModule> {
  const path = resolveOptional(specifier);
  if (path === undefined) {
    return { loaded: false, missing: true, reason: `${specifier} is not installed` };
  }
  try {
    return { loaded: true, exports: await import(pathToFileURL(path).href), path };
  } catch (error) {
    return {
      loaded: false,
      missing: false,
      reason: `${specifier} is installed but failed to load: ${firstLine(error)}`,
    };
  }
}

/** Where {@link importOptional} would load `specifier` from, or `undefined` if it is not installed. */
export function resolveOptional(specifier: string): string | undefined {
  return resolveFrom([join(process.cwd(), 'package.json'), import.meta.url], specifier);
}

function resolveFrom(bases: readonly string[], specifier: string): string | undefined {
  for (const base of bases) {
    try {
      return createRequire(base).resolve(specifier);
    } catch {
      // Not resolvable from this base; try the next.
    }
  }
  return undefined;
}

/** The first line of an error's message: native loaders append long stacks and search paths. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0]!.trim();
}
