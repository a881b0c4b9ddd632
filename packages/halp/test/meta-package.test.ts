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
      'torch-checkpoint',
    ];
    for (const name of packages) {
      const module = (await import(`@halp/${name}`)) as Record<string, unknown>;
      // A hyphenated package name becomes a camel-case namespace (torch-checkpoint → torchCheckpoint).
      const namespaceName = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
      const namespace = (halp as unknown as Record<string, Record<string, unknown>>)[namespaceName]!;
      for (const [exported, value] of Object.entries(module)) {
        expect(namespace[exported], `@halp/${name} ${exported}`).toBe(value);
      }
    }
  });
});
