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
];
/** The packages with a Node-only `/node` subpath. */
const NODE_SUBPATHS = ['skeleton', 'backend', 'encoders', 'evaluation', 'trainer'];

async function expectReExported(from: Record<string, unknown>, specifier: string): Promise<void> {
  const module = (await import(specifier)) as Record<string, unknown>;
  for (const [exported, value] of Object.entries(module)) {
    expect(from[exported], `${specifier} ${exported}`).toBe(value);
  }
}

describe('the halp meta-package', () => {
  it('re-exports the public API of every package', async () => {
    for (const name of PACKAGES) await expectReExported(halp, `@halp/${name}`);
  });

  it('halp/node re-exports all of halp and every /node subpath', async () => {
    await expectReExported(halpNode, 'halp');
    for (const name of NODE_SUBPATHS) await expectReExported(halpNode, `@halp/${name}/node`);
  });
});
