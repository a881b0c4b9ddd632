/** How a variable starts: i.i.d. U(−bound, bound), or a constant. */
export type VariableInit =
  | { readonly kind: 'uniform'; readonly bound: number }
  | { readonly kind: 'constant'; readonly value: number };

/** One variable of an encoder: its stable name, shape and initialisation. */
export interface VariableSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** False for the BatchNorm running statistics. */
  readonly trainable: boolean;
  readonly init: VariableInit;
}

/** Half-width a of Xavier/Glorot-uniform U(−a, a): √(6 / (fan_in + fan_out)). */
export function xavierBound(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}
