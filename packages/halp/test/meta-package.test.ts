import { describe, expect, it } from 'vitest';
import * as halp from '../src/index.js';

describe('the halp meta-package', () => {
  it('re-exports the public API of every package', async () => {
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
      for (const [exported, value] of Object.entries(module)) {
        expect((halp as Record<string, unknown>)[exported], `@halp/${name} ${exported}`).toBe(value);
      }
    }
  });
});
