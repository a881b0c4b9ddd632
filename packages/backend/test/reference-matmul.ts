/** Activations fused into `_FusedMatMul`, as plain functions (leaky ReLU with α = 0.1). */
export const REFERENCE_ACTIVATIONS = {
  linear: (x: number) => x,
  relu: (x: number) => Math.max(0, x),
  relu6: (x: number) => Math.min(6, Math.max(0, x)),
  elu: (x: number) => (x >= 0 ? x : Math.expm1(x)),
  sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
  leakyrelu: (x: number) => (x >= 0 ? x : 0.1 * x),
} as const;

export type ReferenceActivation = keyof typeof REFERENCE_ACTIVATIONS;

/**
 * activation(op(Aₛ)·op(B) + bias) in float64 for every matrix Aₛ of a batch of `batchCount` and one
 * shared B, written out from the definition C[s][i][j] = Σ_k op(Aₛ)[i][k] · op(B)[k][j] as an
 * independent reference.
 */
export function referenceFusedMatMul(
  a: Float32Array,
  b: Float32Array,
  dims: { batchCount: number; m: number; k: number; n: number; transposeA: boolean; transposeB: boolean },
  bias: Float32Array | undefined,
  activation: ReferenceActivation,
): Float64Array {
  const { batchCount, m, k, n, transposeA, transposeB } = dims;
  const out = new Float64Array(batchCount * m * n);
  for (let s = 0; s < batchCount; s += 1) {
    const aOffset = s * m * k;
    for (let i = 0; i < m; i += 1) {
      for (let j = 0; j < n; j += 1) {
        let sum = bias?.[j] ?? 0;
        for (let p = 0; p < k; p += 1) {
          sum += a[aOffset + (transposeA ? p * m + i : i * k + p)]! * b[transposeB ? j * k + p : p * n + j]!;
        }
        out[(s * m + i) * n + j] = REFERENCE_ACTIVATIONS[activation](sum);
      }
    }
  }
  return out;
}
