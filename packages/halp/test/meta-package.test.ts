import { describe, expect, it } from 'vitest';
import * as halp from '../src/index.js';
import * as halpNode from '../src/node/index.js';

const PACKAGES = [
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
/** The packages with a Node-only `/node` subpath. */
const NODE_SUBPATHS = new Set([
  'skeleton',
  'backend',
  'encoders',
  'evaluation',
  'trainer',
  'torch-checkpoint',
]);

async function expectInNamespace(meta: object, name: string, specifier: string): Promise<void> {
  const module = (await import(specifier)) as Record<string, unknown>;
  // A hyphenated package name becomes a camel-case namespace (torch-checkpoint → torchCheckpoint).
  const namespaceName = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  const namespace = (meta as Record<string, Record<string, unknown>>)[namespaceName]!;
  for (const [exported, value] of Object.entries(module)) {
    expect(namespace[exported], `${specifier} ${exported}`).toBe(value);
  }
}

describe('the halp meta-package', () => {
  it('re-exports the public API of every package, one namespace each', async () => {
    for (const name of PACKAGES) await expectInNamespace(halp, name, `@halp/${name}`);
  });

  it('halp/node has the same namespaces, each with its package’s /node subpath merged in', async () => {
    for (const name of PACKAGES) {
      await expectInNamespace(halpNode, name, `@halp/${name}`);
      if (NODE_SUBPATHS.has(name)) await expectInNamespace(halpNode, name, `@halp/${name}/node`);
    }
    expect(halpNode.findPreset).toBe(halp.findPreset);
    expect(halpNode.referenceTrainingCheckpoint).toBe(halp.referenceTrainingCheckpoint);
  });
});
