import { type MethodRegistry, type OptionSpec, optionEntries } from '@halp/contrastive';

/**
 * Every method of the registry with its description and options (default, what is valid, what it
 * does), read from the methods' option schemas: a new method's options show up here by themselves.
 * A composed method (`isc-halp`) names the methods above whose options it shares instead of
 * repeating them.
 */
export function methodsHelp(methods: MethodRegistry): string {
  const listedBy = new Map<OptionSpec<unknown>, string>();
  const sections = methods.names.map((name) => {
    const method = methods.get(name)!;
    const lines = [`  ${name}: ${method.description}`];
    const shared = new Set<string>();
    for (const [option, spec] of optionEntries(method.options)) {
      const owner = listedBy.get(spec);
      if (owner !== undefined) {
        shared.add(owner);
        continue;
      }
      listedBy.set(spec, name);
      lines.push(
        `    --methodOptions.${option} ${JSON.stringify(spec.default)}: ${spec.description} (${spec.expected})`,
      );
    }
    if (shared.size > 0) lines.push(`    and the options of ${[...shared].join(' and ')}`);
    return lines.join('\n');
  });
  return `Methods (--method) and their options (defaults shown):\n${sections.join('\n')}`;
}
