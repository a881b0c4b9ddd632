import { builtInMethods, mocoMethod, withHallucinatedPositives } from '@halp/contrastive';
import { describe, expect, it } from 'vitest';
import { benchFamilies, benchRowNames, registryFamilies } from '../src/bench/methods.js';

describe('bench rows from the method registry', () => {
  it('groups the built-in methods into the MoCo, ISC and CMD families with their rows', () => {
    const families = registryFamilies(builtInMethods);
    expect(
      families.map(({ warmup, warmupOptions, ensemble }) => ({ warmup, warmupOptions, ensemble })),
    ).toEqual([
      { warmup: 'moco', warmupOptions: undefined, ensemble: false },
      { warmup: 'isc', warmupOptions: { contrast: 'intra' }, ensemble: false },
      { warmup: 'cmd', warmupOptions: undefined, ensemble: true },
    ]);
    expect(
      families.flatMap((family) =>
        family.continuations.map(({ name, method, start }) => [name, method, start]),
      ),
    ).toEqual([
      ['baseline', 'moco', 'resume'],
      ['halp', 'halp', 'warm-start'],
      ['isc-intra', 'isc', 'resume'],
      ['isc', 'isc', 'warm-start'],
      ['isc-halp', 'isc-halp', 'warm-start'],
      ['cmd', 'cmd', 'resume'],
      ['cmd-halp', 'cmd-halp', 'warm-start'],
    ]);
    expect(
      benchFamilies(['halp', 'cmd']).map((family) => family.continuations.map((row) => row.name)),
    ).toEqual([['halp'], ['cmd']]);
  });

  it('shows a newly registered method without touching the bench, and refuses a family without a head', () => {
    const extra = withHallucinatedPositives(mocoMethod, 'halp-strong', 'HaLP with μ = 4', {
      family: 'moco',
      rows: [{ name: 'halp-strong', label: 'HaLP (μ 4)', start: 'warm-start' }],
    });
    expect(benchRowNames(builtInMethods.with(extra))).toContain('halp-strong');
    const orphan = withHallucinatedPositives(mocoMethod, 'orphan', 'no family', {
      family: 'simclr',
      rows: [{ name: 'orphan', label: 'orphan', start: 'warm-start' }],
    });
    expect(() => registryFamilies(builtInMethods.with(orphan))).toThrow(/bench family "simclr"/);
  });
});
