/**
 * A seeded pseudo-random generator (xoshiro128**): 32-bit arithmetic only, so it is fast in
 * JavaScript engines and produces the same stream on every platform.
 *
 * The generator is a small mutable object that callers pass explicitly to every function that
 * draws; nothing in halp reads a global source of randomness. Its state can be saved and restored
 * (checkpoints resume the exact stream).
 */
export interface Random {
  /** Next 32-bit unsigned integer of the stream. */
  nextUint32(): number;
  /** Next double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A copy of the four 32-bit state words. */
  state(): RandomState;
}

/** The serialisable state of a {@link Random}: four 32-bit words, not all zero. */
export type RandomState = readonly [number, number, number, number];

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

class Xoshiro128StarStar implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: RandomState) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((word) => word >>> 0) as unknown as RandomState;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      throw new RangeError('Random state must not be all zero');
    }
  }

  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  nextFloat(): number {
    // 27 + 26 bits, as in the reference xoshiro/MT "genrand_res53" construction.
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  state(): RandomState {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

function rotateLeft(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** SplitMix32 step: spreads a seed over the state words so that nearby seeds give unrelated streams. */
function splitMix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the UTF-16 code units of a string: turns a textual seed or stream label into 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Creates a generator from a seed. Integer seeds use their low 32 bits and, for integers beyond
 * 2^32, the high bits too; string seeds are hashed.
 */
export function createRandom(seed: number | string): Random {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`Random seed must be finite, got ${seed}`);
  }
  const low = typeof seed === 'string' ? hashString(seed) : Math.trunc(seed) >>> 0;
  const high = typeof seed === 'string' ? 0 : Math.floor(Math.trunc(seed) / TWO_POW_32) >>> 0;
  const next = splitMix32(low ^ Math.imul(high, 0x27d4eb2d));
  return new Xoshiro128StarStar([next(), next(), next(), next() | 1]);
}

/** Rebuilds a generator from a saved {@link RandomState}; it continues the saved stream exactly. */
export function restoreRandom(state: RandomState): Random {
  return new Xoshiro128StarStar(state);
}

/**
 * Derives an independent child generator for a named purpose (e.g. `"augment"`, `"init"`), without
 * advancing the parent: the same parent state and label always give the same child.
 */
export function forkRandom(parent: Random, label: string): Random {
  const [a, b, c, d] = parent.state();
  const next = splitMix32(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77) ^ d ^ hashString(label));
  return new Xoshiro128StarStar([next(), next(), next(), next() | 1]);
}
