import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const source = fileURLToPath(new URL('../src/', import.meta.url));

describe('entry points', () => {
  it('keeps tfjs out of the root entry: no array-form module imports tfjs or the tensor subpath', () => {
    const arrayModules = readdirSync(source).filter((name) => name.endsWith('.ts'));
    expect(arrayModules).toContain('index.ts');
    for (const name of arrayModules) {
      const text = readFileSync(join(source, name), 'utf8');
      expect(text, name).not.toMatch(/from '@tensorflow\//);
      expect(text, name).not.toMatch(/from '\.\/tensor/);
    }
  });
});
