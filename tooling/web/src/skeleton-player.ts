// Draws a clip as an animated stick figure: every joint joined to its parent in the layout, seen
// from the front (pre-normalisation puts the spine along +z and the shoulders along +x).
import { type Clip, clipIndex, type SkeletonLayout } from '@halp/skeleton';

const BODY_COLOURS = ['#1f77b4', '#d62728'];
const FRAMES_PER_SECOND = 30;

/** Starts animating `clip` (its first `validFrames` frames) on `canvas`; returns a function that stops it. */
export function playSkeleton(
  canvas: HTMLCanvasElement,
  clip: Clip,
  validFrames: number,
  layout: SkeletonLayout,
): () => void {
  const context = canvas.getContext('2d');
  if (context === null) return () => undefined;
  const frames = Math.max(1, Math.min(validFrames, clip.frames));
  const bodies = Array.from({ length: clip.bodies }, (_, m) => m).filter((m) => bodyPresent(clip, m, frames));
  const view = fitView(clip, bodies, frames, canvas.width, canvas.height);
  let frame = 0;
  const timer = setInterval(() => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    for (const m of bodies) drawBody(context, clip, frame, m, layout, view, BODY_COLOURS[m % 2]!);
    context.fillStyle = '#555';
    context.fillText(`frame ${frame + 1}/${frames}`, 8, canvas.height - 8);
    frame = (frame + 1) % frames;
  }, 1000 / FRAMES_PER_SECOND);
  return () => clearInterval(timer);
}

interface View {
  readonly scale: number;
  readonly centreX: number;
  readonly centreZ: number;
  readonly width: number;
  readonly height: number;
}

const x = (clip: Clip, t: number, v: number, m: number) => clip.data[clipIndex(clip, 0, t, v, m)]!;
const z = (clip: Clip, t: number, v: number, m: number) => clip.data[clipIndex(clip, 2, t, v, m)]!;

function bodyPresent(clip: Clip, body: number, frames: number): boolean {
  for (let t = 0; t < frames; t += 1) {
    for (let v = 0; v < clip.joints; v += 1) {
      for (let c = 0; c < clip.channels; c += 1)
        if (clip.data[clipIndex(clip, c, t, v, body)] !== 0) return true;
    }
  }
  return false;
}

function fitView(clip: Clip, bodies: readonly number[], frames: number, width: number, height: number): View {
  let [minX, maxX, minZ, maxZ] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const m of bodies) {
    for (let t = 0; t < frames; t += 1) {
      for (let v = 0; v < clip.joints; v += 1) {
        minX = Math.min(minX, x(clip, t, v, m));
        maxX = Math.max(maxX, x(clip, t, v, m));
        minZ = Math.min(minZ, z(clip, t, v, m));
        maxZ = Math.max(maxZ, z(clip, t, v, m));
      }
    }
  }
  if (!Number.isFinite(minX)) return { scale: 1, centreX: 0, centreZ: 0, width, height };
  const scale = 0.9 * Math.min(width / Math.max(maxX - minX, 1e-6), height / Math.max(maxZ - minZ, 1e-6));
  return { scale, centreX: (minX + maxX) / 2, centreZ: (minZ + maxZ) / 2, width, height };
}

function drawBody(
  context: CanvasRenderingContext2D,
  clip: Clip,
  t: number,
  m: number,
  layout: SkeletonLayout,
  view: View,
  colour: string,
): void {
  const screen = (v: number): [number, number] => [
    view.width / 2 + (x(clip, t, v, m) - view.centreX) * view.scale,
    view.height / 2 - (z(clip, t, v, m) - view.centreZ) * view.scale,
  ];
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = 3;
  for (let v = 0; v < clip.joints; v += 1) {
    const parent = layout.parents[v]!;
    const [jx, jy] = screen(v);
    if (parent !== v) {
      const [px, py] = screen(parent);
      context.beginPath();
      context.moveTo(px, py);
      context.lineTo(jx, jy);
      context.stroke();
    }
    context.beginPath();
    context.arc(jx, jy, 3, 0, 2 * Math.PI);
    context.fill();
  }
}
