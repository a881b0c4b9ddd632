import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { softwareDriverOf } from '../src/index.js';
import { probeWebgpuAdapter, selectBackend } from '../src/node/index.js';
import { probeDawn } from '../src/webgpu/dawn-probe.js';

const adapter = (info: Partial<Parameters<typeof softwareDriverOf>[0]>) => ({
  vendor: '',
  architecture: '',
  device: '',
  description: '',
  ...info,
});

describe('softwareDriverOf', () => {
  it('names the software Vulkan drivers as Dawn reports them', () => {
    // SwiftShader as Dawn reports it from Debian's chromium package (measured here).
    expect(
      softwareDriverOf(
        adapter({
          vendor: 'google',
          architecture: 'swiftshader',
          device: 'swiftshader-device-subzero-',
          description: 'SwiftShader driver 5.0.0',
        }),
      ),
    ).toBe('swiftshader');
    expect(
      softwareDriverOf(adapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })),
    ).toBe('llvmpipe');
    expect(softwareDriverOf(adapter({ description: 'Mesa lavapipe' }))).toBe('lavapipe');
    expect(softwareDriverOf(adapter({ vendor: 'nvidia', isFallbackAdapter: true }))).toBe(
      'a fallback adapter',
    );
  });

  it('takes GPUs for hardware', () => {
    expect(
      softwareDriverOf(adapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' })),
    ).toBeUndefined();
    expect(
      softwareDriverOf(
        adapter({ vendor: 'amd', architecture: 'rdna-3', description: 'radv', isFallbackAdapter: false }),
      ),
    ).toBeUndefined();
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'halp-webgpu-adapter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in for the `webgpu` module that writes to fd 2 as Dawn's native code does. */
function fakeDawn(adapterInfo: object | null): string {
  const path = join(scratch, `dawn-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    path,
    `import { writeSync } from 'node:fs';
export const create = () => ({ requestAdapter: async () => {
  writeSync(2, 'Warning: Couldn\\'t load Vulkan\\n');
  return ${JSON.stringify(adapterInfo)} === null ? null : { info: ${JSON.stringify(adapterInfo)} };
} });`,
  );
  return path;
}

describe('probeDawn', () => {
  it('asks for the adapter in a child process and keeps what it writes on stderr', async () => {
    const info = { vendor: 'nvidia', architecture: 'hopper', device: 'h200', description: 'NVIDIA H200' };
    const probe = await probeDawn(fakeDawn(info));
    expect(probe).toEqual({
      found: true,
      adapter: { ...info },
      nativeOutput: "Warning: Couldn't load Vulkan\n",
    });
  });

  it('turns "no adapter" and its warning into one reason', async () => {
    const probe = await probeDawn(fakeDawn(null));
    expect(probe.found).toBe(false);
    expect(!probe.found && probe.reason).toBe(
      'Dawn found no GPU adapter (requestAdapter() returned null): no Vulkan loader (install libvulkan1)',
    );
  });
});

describe('withNativeStderrSilenced', () => {
  it.skipIf(process.platform !== 'linux')(
    'keeps writes to file descriptor 2 off stderr meanwhile, and restores it after',
    () => {
      // In a child whose stderr is a file (this test process's fd 2 may be a socket, which cannot be
      // reopened), running the module's compiled source.
      const source = readFileSync(new URL('../src/webgpu/silence-native-stderr.ts', import.meta.url), 'utf8');
      const module = join(scratch, 'silence.mjs');
      writeFileSync(module, transformSync(source, { loader: 'ts', format: 'esm' }).code);
      const script = join(scratch, 'write-around.mjs');
      writeFileSync(
        script,
        `import { writeSync } from 'node:fs';
import { withNativeStderrSilenced } from ${JSON.stringify(pathToFileURL(module).href)};
writeSync(2, 'before\\n');
const result = await withNativeStderrSilenced(async () => { writeSync(2, 'native warning\\n'); return 7; });
writeSync(2, 'after ' + result + '\\n');
console.error('console.error after');`,
      );
      const captured = join(scratch, 'stderr.txt');
      const stderr = openSync(captured, 'w');
      try {
        execFileSync(process.execPath, [script], { stdio: ['ignore', 'ignore', stderr] });
      } finally {
        closeSync(stderr);
      }
      expect(readFileSync(captured, 'utf8')).toBe('before\nafter 7\nconsole.error after\n');
    },
  );
});

describe('auto and a WebGPU adapter', async () => {
  const probe = await probeWebgpuAdapter();
  it.skipIf(!probe.found || probe.adapter.hardware)(
    'auto skips a software adapter in one line, and an explicit webgpu takes it',
    async () => {
      const lines: string[] = [];
      const auto = await selectBackend({ preference: 'auto', log: (line) => lines.push(line) });
      expect(auto.name).not.toBe('webgpu');
      const webgpu = auto.reasons.find((attempt) => attempt.candidate === 'webgpu')!;
      expect(webgpu.ok).toBe(false);
      expect(webgpu.reason).toMatch(/^the only WebGPU adapter is software \(.*\), ~24× slower than WASM/);
      expect(webgpu.reason).not.toContain('\n');
      expect(lines.join('\n')).toContain(`webgpu skipped: ${webgpu.reason}`);
      const explicit = await selectBackend({ preference: 'webgpu' });
      expect(explicit.name).toBe('webgpu');
      expect(explicit.reasons[0]!.reason).toMatch(/\(software: \w+\)$/);
    },
  );
});
