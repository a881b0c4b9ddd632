// The page in a real browser (Debian's Chromium, driven by puppeteer-core; no browser download), on
// WebGPU (SwiftShader, a CPU Vulkan) and on WASM: it must load, run the encoder on a chosen clip with
// features equal to Node's, show the 1-NN action Node predicts, accept the user's own encoder files,
// and log no console error. Screenshots go to .tmp/web/.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { fileSystemHandler } from '@halp/encoders/node';
import * as tf from '@tensorflow/tfjs-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_ENCODER_FRAMES, demoData } from '../src/demo-data.js';
import type { PageState } from '../src/page-state.js';
import { clipFeatures, labelledNeighbours, loadEncoderFiles } from '../src/recognise.js';

const CHROMIUM = process.env.HALP_CHROMIUM ?? '/usr/bin/chromium';
const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(WEB, '..', '..');
const SCREENSHOTS = join(ROOT, '.tmp', 'web');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
];
/** The held-out clip the test picks (any index works; not the one the page starts with). */
const CLIP_INDEX = 7;
const TOLERANCE = 1e-5;

const chromiumMissing = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is not installed (apt-get install chromium)`;

/** Node's features of the test clip and its 1-NN action, with the same encoder files, on tfjs's CPU backend. */
async function nodeReference() {
  await tf.setBackend('cpu');
  const data = demoData();
  const encoder = await loadEncoderFiles(fileSystemHandler(join(WEB, 'encoder')), 'encoder');
  const labelled = await clipFeatures(encoder, data.labelled, BUNDLED_ENCODER_FRAMES);
  const { subsetDataset } = await import('@halp/skeleton');
  const query = await clipFeatures(
    encoder,
    subsetDataset(data.heldOut, [CLIP_INDEX]),
    BUNDLED_ENCODER_FRAMES,
  );
  const nearest = labelledNeighbours(labelled, query, 1)[0]!;
  return {
    clip: data.heldOut.name(CLIP_INDEX),
    features: Array.from(query.data),
    predicted: data.classNames[data.labelled.label(nearest.index)]!,
  };
}

const pageState = (page: Page) =>
  page.evaluate(() => (window as unknown as { halpPage: PageState }).halpPage);

/** Waits until the page is idle and `done(state)` holds, or fails with the page's error. */
async function settled(page: Page, done: string): Promise<PageState> {
  await page.waitForFunction(
    `(() => { const s = window.halpPage; return s && !s.busy && (s.error !== null || (${done})); })()`,
    { timeout: 240_000, polling: 200 },
  );
  return pageState(page);
}

describe.skipIf(chromiumMissing !== undefined)('the halp page in Chromium', () => {
  let reference: Awaited<ReturnType<typeof nodeReference>>;
  let server: { url: string; close: () => void };

  beforeAll(async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [join(WEB, 'build.mjs')], { stdio: 'inherit' });
    // @ts-expect-error: a plain ES module without type declarations.
    const { servePage } = (await import('../serve.mjs')) as {
      servePage: (port: number) => Promise<typeof server>;
    };
    server = await servePage(0);
    reference = await nodeReference();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(() => server?.close());

  for (const backend of ['webgpu', 'wasm'] as const) {
    describe(backend, () => {
      let browser: Browser;
      let page: Page;
      const consoleErrors: string[] = [];
      let noAdapter: string | undefined;

      beforeAll(async () => {
        const args = backend === 'webgpu' ? [...CHROMIUM_FLAGS, ...WEBGPU_FLAGS] : CHROMIUM_FLAGS;
        browser = await puppeteer.launch({ executablePath: CHROMIUM, args, headless: true });
        page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 1000 });
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        page.on('pageerror', (error) => consoleErrors.push(String(error)));
        await page.goto(`${server.url}?backend=${backend}`);
        if (backend === 'webgpu') {
          const adapter = await page.evaluate(
            `(async () => navigator.gpu ? (await navigator.gpu.requestAdapter()) !== null : false)()`,
          );
          if (adapter !== true) noAdapter = 'Chromium found no WebGPU adapter (SwiftShader needs libvulkan1)';
        }
      }, 120_000);

      afterAll(() => browser?.close());

      it('loads, encodes a chosen clip as Node does, shows the predicted action, and logs no error', async (context) => {
        if (noAdapter !== undefined) context.skip(noAdapter);
        const ready = await settled(page, 's.ready');
        expect(ready.error).toBeNull();
        expect(ready.backend).toBe(backend);
        expect(await page.$eval('#backend', (node) => node.textContent)).toMatch(new RegExp(`^${backend} `));

        await page.select('#clip', String(CLIP_INDEX));
        const state = await settled(page, `s.clip === ${JSON.stringify(reference.clip)}`);
        expect(state.error).toBeNull();
        expect(state.features).toHaveLength(reference.features.length);
        const worst = Math.max(
          ...state.features!.map((value, i) => Math.abs(value - reference.features[i]!)),
        );
        expect(worst).toBeLessThanOrEqual(TOLERANCE);
        expect(state.predicted).toBe(reference.predicted);
        expect(await page.$eval('#predicted', (node) => node.textContent)).toBe(reference.predicted);
        await page.screenshot({ path: join(SCREENSHOTS, `page-${backend}.png`), fullPage: true });
        expect(consoleErrors).toEqual([]);
      }, 300_000);

      it("runs the user's own encoder files (model.json + weights.bin) on the same clip", async (context) => {
        if (noAdapter !== undefined) context.skip(noAdapter);
        const input = await page.$('input#encoder-files');
        await input!.uploadFile(join(WEB, 'encoder', 'model.json'), join(WEB, 'encoder', 'weights.bin'));
        const state = await settled(page, `s.encoder === 'model.json'`);
        expect(state.error).toBeNull();
        const worst = Math.max(
          ...state.features!.map((value, i) => Math.abs(value - reference.features[i]!)),
        );
        expect(worst).toBeLessThanOrEqual(TOLERANCE);
        expect(consoleErrors).toEqual([]);
      }, 300_000);

      it('redraws the hallucinated positives when λ moves', async (context) => {
        if (noAdapter !== undefined) context.skip(noAdapter);
        const picture = () => page.$eval('#hallucination', (node) => node.innerHTML);
        const before = await picture();
        await page.$eval('#lambda', (node) => {
          (node as HTMLInputElement).value = '0.2';
          node.dispatchEvent(new Event('input'));
        });
        expect(await page.$eval('#lambda-value', (node) => node.textContent)).toBe('0.20');
        expect(before).toContain('<svg');
        expect(await picture()).not.toBe(before);
        expect(consoleErrors).toEqual([]);
      });

      it('reads a dropped-in NTU .skeleton file (when the shared fixtures are present)', async (context) => {
        if (noAdapter !== undefined) context.skip(noAdapter);
        const folder = join(ROOT, '..', 'shared', 'fixtures', 'ntu-raw', 'nturgb+d_skeletons');
        if (!existsSync(folder)) context.skip('../shared/fixtures (development only) is absent');
        const file = readdirSync(folder).find((name) => name.endsWith('.skeleton'))!;
        const input = await page.$('input#skeleton-file');
        await input!.uploadFile(join(folder, file));
        const state = await settled(page, `s.clip === ${JSON.stringify(file)}`);
        expect(state.error).toBeNull();
        expect(state.predicted).not.toBeNull();
        expect(consoleErrors).toEqual([]);
      }, 300_000);

      it('names the file and what was wrong for a broken .skeleton file, without a console error', async (context) => {
        if (noAdapter !== undefined) context.skip(noAdapter);
        const broken = join(SCREENSHOTS, 'broken.skeleton');
        writeFileSync(broken, '3\nnot a skeleton file\n');
        const input = await page.$('input#skeleton-file');
        await input!.uploadFile(broken);
        const state = await settled(page, 'false');
        expect(state.error).toContain('broken.skeleton');
        expect(await page.$eval('#status', (node) => node.className)).toBe('error');
        expect(consoleErrors).toEqual([]);
      });
    });
  }
});

if (chromiumMissing !== undefined) it.skip(`browser test skipped: ${chromiumMissing}`, () => undefined);
