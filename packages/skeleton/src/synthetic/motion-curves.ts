/** Small shaping functions for procedural motion. */

export function lerp(from: number, to: number, amount: number): number {
  return from + (to - from) * amount;
}

/** Hermite smoothstep from 0 at `edge0` to 1 at `edge1`. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(Math.max((x - edge0) / (edge1 - edge0), 0), 1);
  return t * t * (3 - 2 * t);
}

/** 0 → 1 over the first 15 % of the action, 1 → 0 over the last 15 %: raise, hold, lower. */
export function plateau(progress: number): number {
  return smoothstep(0, 0.15, progress) * (1 - smoothstep(0.85, 1, progress));
}

/** A bump sin²(π·frac(repetitions·u)): zero between repetitions, one at each peak. */
export function pulses(progress: number, repetitions: number): number {
  const phase = progress * repetitions;
  return Math.sin(Math.PI * (phase - Math.floor(phase))) ** 2;
}
