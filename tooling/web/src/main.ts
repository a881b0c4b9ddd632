// The halp page: pick or drop a clip, watch it, run an encoder on it in the browser, see its nearest
// labelled neighbours, its predicted action, and HaLP's hallucinated positives with λ as a slider.
import { selectBrowserBackend } from '@halp/backend';
import type { Encoder } from '@halp/encoders';
import type { Matrix } from '@halp/hypersphere';
import { kinect25, type SkeletonDataset, subsetDataset } from '@halp/skeleton';
import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/lib/Either.js';
import { featureHallucinationPicture } from 'halp/report';
import { BUNDLED_ENCODER_FRAMES, type DemoData, demoData, skeletonFileDataset } from './demo-data.js';
import type { PageState } from './page-state.js';
import { clipFeatures, labelledNeighbours, loadEncoderFiles } from './recognise.js';
import { playSkeleton } from './skeleton-player.js';

const NEIGHBOURS = 5;

const state: PageState = {
  ready: false,
  busy: false,
  backend: null,
  encoder: null,
  clip: null,
  features: null,
  predicted: null,
  error: null,
};
(window as unknown as { halpPage: PageState }).halpPage = state;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  status: element<HTMLParagraphElement>('status'),
  backend: element<HTMLSpanElement>('backend'),
  clipSelect: element<HTMLSelectElement>('clip'),
  skeletonFile: element<HTMLInputElement>('skeleton-file'),
  encoderFiles: element<HTMLInputElement>('encoder-files'),
  encoderName: element<HTMLSpanElement>('encoder-name'),
  frames: element<HTMLInputElement>('frames'),
  player: element<HTMLCanvasElement>('player'),
  predicted: element<HTMLElement>('predicted'),
  neighbours: element<HTMLTableSectionElement>('neighbours'),
  lambda: element<HTMLInputElement>('lambda'),
  lambdaValue: element<HTMLOutputElement>('lambda-value'),
  hallucination: element<HTMLDivElement>('hallucination'),
};

let data: DemoData;
let encoder: Encoder | undefined;
let labelledFeatures: Matrix | undefined;
let current: { dataset: SkeletonDataset; index: number } | undefined;
let stopPlaying: () => void = () => undefined;

function status(text: string, isError = false): void {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
  if (isError) state.error = text;
}

/** Runs one step of the page, showing errors instead of throwing them; one at a time. */
async function guarded(task: () => Promise<void>): Promise<void> {
  state.busy = true;
  try {
    state.error = null;
    await task();
  } catch (error) {
    status(error instanceof Error ? error.message : String(error), true);
  } finally {
    state.busy = false;
  }
}

const nextPaint = () => new Promise((resolve) => setTimeout(resolve, 0));

async function useEncoder(handler: tf.io.IOHandler, name: string, frames: number): Promise<void> {
  status(`loading ${name}…`);
  const loaded = await loadEncoderFiles(handler, name);
  ui.frames.value = String(frames);
  status(`${name}: features of ${data.labelled.length} labelled clips…`);
  await nextPaint();
  const features = await clipFeatures(loaded, data.labelled, frames);
  encoder = loaded;
  labelledFeatures = features;
  state.encoder = name;
  ui.encoderName.textContent = name;
  drawHallucinations();
  if (current !== undefined) await analyse(current.dataset, current.index);
}

async function analyse(dataset: SkeletonDataset, index: number): Promise<void> {
  current = { dataset, index };
  stopPlaying();
  stopPlaying = playSkeleton(ui.player, dataset.clip(index), dataset.validFrames(index), kinect25);
  state.clip = dataset.name(index);
  if (encoder === undefined || labelledFeatures === undefined) return;
  const query = await clipFeatures(encoder, subsetDataset(dataset, [index]), Number(ui.frames.value));
  const neighbours = labelledNeighbours(labelledFeatures, query, NEIGHBOURS);
  const label = (i: number) => data.classNames[data.labelled.label(i)] ?? `class ${data.labelled.label(i)}`;
  const predicted = label(neighbours[0]!.index);
  ui.predicted.textContent = predicted;
  ui.neighbours.replaceChildren(
    ...neighbours.map(({ index: i, similarity }) => {
      const row = document.createElement('tr');
      for (const text of [label(i), data.labelled.name(i), similarity.toFixed(3)]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  state.features = Array.from(query.data);
  state.predicted = predicted;
  const truth = dataset.label(index) >= 0 ? `; true action: ${data.classNames[dataset.label(index)]}` : '';
  status(`${dataset.name(index)}: predicted ${predicted}${truth}`);
}

function drawHallucinations(): void {
  const lambda = Number(ui.lambda.value);
  ui.lambdaValue.textContent = lambda.toFixed(2);
  if (labelledFeatures === undefined) return;
  ui.hallucination.innerHTML = featureHallucinationPicture(labelledFeatures, { seed: 0, lambda });
}

async function openSkeletonFile(file: File): Promise<void> {
  const dataset = skeletonFileDataset(await file.text(), file.name);
  if (E.isLeft(dataset)) throw new Error(dataset.left);
  await analyse(dataset.right, 0);
}

async function openEncoderFiles(files: readonly File[]): Promise<void> {
  const modelJson = files.find((file) => file.name.endsWith('.json'));
  if (modelJson === undefined)
    throw new Error('choose the encoder folder’s model.json and weights.bin together');
  const weights = files.filter((file) => file !== modelJson);
  await useEncoder(tf.io.browserFiles([modelJson, ...weights]), modelJson.name, Number(ui.frames.value));
}

async function start(): Promise<void> {
  const preference = new URLSearchParams(location.search).get('backend') ?? 'auto';
  status('starting tfjs…');
  const backend = await selectBrowserBackend({
    preference,
    wasmPaths: new URL('wasm/', location.href).href,
    log: (line) => console.info(line),
  });
  const skipped = backend.reasons.filter((attempt) => !attempt.ok);
  const used = backend.reasons.find((attempt) => attempt.ok)!;
  ui.backend.textContent = `${backend.name} (${used.reason})${skipped.map((a) => `; ${a.candidate} skipped: ${a.reason}`).join('')}`;
  state.backend = backend.name;
  status('generating the synthetic clips…');
  await nextPaint();
  data = demoData();
  ui.clipSelect.replaceChildren(
    ...Array.from({ length: data.heldOut.length }, (_, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = `${data.heldOut.name(i)} — ${data.classNames[data.heldOut.label(i)]}`;
      return option;
    }),
  );
  current = { dataset: data.heldOut, index: 0 };
  await useEncoder(tf.io.http('encoder/model.json'), 'bundled encoder', BUNDLED_ENCODER_FRAMES);
  state.ready = true;
}

ui.clipSelect.addEventListener('change', () =>
  guarded(() => analyse(data.heldOut, Number(ui.clipSelect.value))),
);
ui.skeletonFile.addEventListener('change', () => {
  const file = ui.skeletonFile.files?.[0];
  if (file !== undefined) void guarded(() => openSkeletonFile(file));
});
ui.encoderFiles.addEventListener('change', () =>
  guarded(() => openEncoderFiles(Array.from(ui.encoderFiles.files ?? []))),
);
ui.frames.addEventListener('change', () => {
  if (current !== undefined) void guarded(() => analyse(current!.dataset, current!.index));
});
ui.lambda.addEventListener('input', drawHallucinations);
document.addEventListener('dragover', (event) => event.preventDefault());
document.addEventListener('drop', (event) => {
  event.preventDefault();
  const files = Array.from(event.dataTransfer?.files ?? []);
  const skeleton = files.find((file) => file.name.endsWith('.skeleton'));
  if (skeleton !== undefined) void guarded(() => openSkeletonFile(skeleton));
  else if (files.length > 0) void guarded(() => openEncoderFiles(files));
});

void guarded(start);
