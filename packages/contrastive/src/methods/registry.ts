import type { MethodDefinition } from './method.js';

/**
 * An immutable name → method table. The trainer, the config parser, the CLI help and the bench all
 * look methods up here, so a new method plugs in with `registry.with(definition)` alone.
 */
export interface MethodRegistry {
  readonly names: readonly string[];
  get(name: string): MethodDefinition | undefined;
  with(definition: MethodDefinition): MethodRegistry;
}

export function methodRegistry(definitions: readonly MethodDefinition[]): MethodRegistry {
  const table = new Map<string, MethodDefinition>();
  for (const definition of definitions) {
    if (table.has(definition.name)) throw new RangeError(`Method "${definition.name}" is registered twice`);
    table.set(definition.name, definition);
  }
  return {
    names: [...table.keys()],
    get: (name) => table.get(name),
    with: (definition) => methodRegistry([...table.values(), definition]),
  };
}
