import { describe, expect, it } from 'vitest';
import { builtInMethods, HALP_OPTIONS, iscMethod, optionDefaults } from '../src/index.js';

describe('method option schemas', () => {
  it('accept their own defaults for every built-in method', () => {
    for (const name of builtInMethods.names) {
      const method = builtInMethods.get(name)!;
      expect(method.optionIssues(optionDefaults<object>(method.options) as Record<string, unknown>)).toEqual(
        [],
      );
      expect(method.resolveOptions({})).toEqual(optionDefaults(method.options));
    }
  });

  it('compose: a method with hallucinated positives takes its base’s options and HaLP’s', () => {
    const iscHalp = builtInMethods.get('isc-halp')!;
    expect(Object.keys(iscHalp.options).sort()).toEqual(
      [...Object.keys(iscMethod.options), ...Object.keys(HALP_OPTIONS)].sort(),
    );
    expect(iscHalp.resolveOptions({ pair: 'graph+image', mu: 1 })).toMatchObject({
      pair: 'graph+image',
      contrast: 'inter',
      mu: 1,
      numPrototypes: 20,
    });
  });

  it('name every unknown option and invalid value, and check λ against the sampling rule', () => {
    const halp = builtInMethods.get('halp')!;
    expect(halp.optionIssues({ prototypes: 3, numPositives: 0, centroid: 'medoid' })).toEqual([
      expect.objectContaining({ path: 'prototypes', found: 'an unknown option' }),
      { path: 'numPositives', expected: 'a positive integer', found: '0' },
      { path: 'centroid', expected: '"frechet" or "normalized-mean"', found: '"medoid"' },
    ]);
    expect(halp.optionIssues({ lambda: 2 })).toEqual([
      { path: 'lambda', expected: 'a number in [0, 1] or exactly 1000', found: '2' },
    ]);
    expect(halp.optionIssues({ lambda: 1000 })).toEqual([]);
    expect(halp.optionIssues({ lambda: 1000, sampling: 'paper' })).toEqual([
      { path: 'lambda', expected: 'a number in [0, 1]', found: '1000' },
    ]);
    expect(() => halp.resolveOptions({ lambda: 2 })).toThrow(
      /^halp option lambda: expected a number in \[0, 1\]/,
    );
  });
});
