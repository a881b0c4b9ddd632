import { createRandom, uniform, uniformInt } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core registers kernel gradients only on request (the @tensorflow/tfjs bundle does it for apps).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { randomOrthogonalUnit, randomUnit } from './arbitraries.js';

/** Runs the tensor tests on the CPU backend (the only one installed for tests). */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Kinds of row pairs a batch mixes: generic, and each degenerate case the functions document. */
export const pairKinds = [
  'random',
  'equal',
  'antipodal',
  'nearlyEqual',
  'nearlyAntipodal',
  'zeroStart',
  'zeroEnd',
  'bothZero',
  'scaled',
] as const;
export type PairKind = (typeof pairKinds)[number];

export interface RowPair {
  readonly kind: PairKind;
  readonly a: Float32Array;
  readonly b: Float32Array;
}

/**
 * A pair of float32 rows of the given kind. Nearly equal / nearly antipodal pairs are 1e-3..1e-1
 * radians from 0 / π: closer than that, float32 rounding of the inputs (~6e-8) dominates the answer.
 */
export function rowPair(kind: PairKind, dim: number, seed: number): RowPair {
  const random = createRandom(seed);
  const a = randomUnit(random, dim);
  const at = (omega: number) => {
    const e = randomOrthogonalUnit(random, a);
    return a.map((v, i) => Math.cos(omega) * v + Math.sin(omega) * e[i]!);
  };
  const gap = 10 ** uniform(random, -3, -1);
  const rows: Record<PairKind, () => [ArrayLike<number>, ArrayLike<number>]> = {
    random: () => [a, randomUnit(random, dim)],
    equal: () => [a, a],
    antipodal: () => [a, a.map((v) => -v)],
    nearlyEqual: () => [a, at(gap)],
    nearlyAntipodal: () => [a, at(Math.PI - gap)],
    zeroStart: () => [new Float64Array(dim), a],
    zeroEnd: () => [a, new Float64Array(dim)],
    bothZero: () => [new Float64Array(dim), new Float64Array(dim)],
    scaled: () => [a.map((v) => v * 37), randomUnit(random, dim).map((v) => v * 1e-3)],
  };
  const [first, second] = rows[kind]();
  return { kind, a: Float32Array.from(first), b: Float32Array.from(second) };
}

/** A batch of `size` row pairs of random kinds (at least one of each when size allows). */
export function mixedBatch(dim: number, size: number, seed: number): RowPair[] {
  const random = createRandom(seed);
  return Array.from({ length: size }, (_, i) =>
    rowPair(
      pairKinds[i < pairKinds.length ? i : uniformInt(random, pairKinds.length)]!,
      dim,
      seed + 7919 * i,
    ),
  );
}

export function stack(rows: readonly Float32Array[], dim: number): tf.Tensor2D {
  const data = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => {
    data.set(row, i * dim);
  });
  return tf.tensor2d(data, [rows.length, dim]);
}

/** Reads a [B, D] tensor back as rows (and disposes it). */
export function rowsOf(tensor: tf.Tensor): number[][] {
  const rows = tensor.arraySync() as number[][];
  tensor.dispose();
  return rows;
}
