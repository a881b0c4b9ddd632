import { describe, expect, it } from 'vitest';
import * as halp from '../src/index.js';

describe('the halp meta-package', () => {
  it('re-exports the public API of every package, one namespace each', async () => {
    const packages = [
      'random',
      'hypersphere',
      'prototypes',
      'hallucinate',
      'skeleton',
      'backend',
      'encoders',
      'optim',
      'contrastive',
      'evaluation',
      'trainer',
    ];
    for (const name of packages) {
      const module = (await import(`@halp/${name}`)) as Record<string, unknown>;
      const namespace = (halp as unknown as Record<string, Record<string, unknown>>)[name]!;
      for (const [exported, value] of Object.entries(module)) {
        expect(namespace[exported], `@halp/${name} ${exported}`).toBe(value);
      }
    }
  });
});
