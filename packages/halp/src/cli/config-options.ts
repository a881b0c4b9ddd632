import { type MethodRegistry, optionEntries } from '@halp/contrastive';
import type { OptionKinds } from './arguments.js';

/**
 * The `--KEY VALUE` flags a configuration accepts: every dotted path of the defaults (objects too,
 * to pass a whole JSON value) and `methodOptions.<key>` of every registered method's option schema. Values are
 * checked by the configuration parser; this only stops a misspelt key from being taken as a value.
 */
export function configOptionKinds(defaults: object, methods: MethodRegistry): OptionKinds {
  const kinds: Record<string, 'string'> = {};
  const visit = (value: unknown, path: string): void => {
    if (path !== '') kinds[path] = 'string';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) visit(child, path === '' ? key : `${path}.${key}`);
  };
  visit(defaults, '');
  kinds.methodOptions = 'string';
  for (const name of methods.names) {
    for (const [key] of optionEntries(methods.get(name)!.options)) kinds[`methodOptions.${key}`] = 'string';
  }
  return kinds;
}
