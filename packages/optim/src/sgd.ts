import * as tf from '@tensorflow/tfjs-core';

/** SGD settings of the references (`torch.optim.SGD`, dampening 0, no Nesterov). */
export interface SgdOptions {
  readonly momentum: number;
  readonly weightDecay: number;
}

/**
 * SGD with momentum and L2 weight decay, exactly as PyTorch applies it:
 *
 *   g ← ∇θ + wd·θ,   v ← μ·v + g   (v = g on a variable's first update),   θ ← θ − lr·v
 *
 * tfjs's own `MomentumOptimizer` has no weight decay, keeps its buffers out of reach and leaks its
 * learning-rate scalar on `dispose`; this one keeps the velocity buffers as plain tensors, so that
 * checkpoints can save and restore them exactly.
 */
export class Sgd {
  private velocities: (tf.Tensor | null)[];

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly options: SgdOptions,
  ) {
    this.velocities = variables.map(() => null);
  }

  /**
   * Applies one update. `gradients` maps variable names to gradients (what `tf.variableGrads`
   * returns); a variable the loss does not reach has no gradient and is left as it is. Safe inside
   * a caller's `tf.tidy`: the velocity buffers are kept.
   */
  step(gradients: tf.NamedTensorMap, learningRate: number): void {
    const { momentum, weightDecay } = this.options;
    this.variables.forEach((variable, i) => {
      const gradient = gradients[variable.name];
      if (gradient === undefined) return;
      const previous = this.velocities[i] ?? null;
      const velocity = tf.keep(
        tf.tidy(() => {
          const decayed = weightDecay === 0 ? gradient : tf.add(gradient, tf.mul(variable, weightDecay));
          return previous === null ? tf.clone(decayed) : tf.add(tf.mul(previous, momentum), decayed);
        }),
      );
      previous?.dispose();
      this.velocities[i] = velocity;
      tf.tidy(() => variable.assign(tf.sub(variable, tf.mul(velocity, learningRate))));
    });
  }

  /** The velocity buffers in variable order (null before a variable's first update), for checkpoints. */
  async saveState(): Promise<(Float32Array | null)[]> {
    return Promise.all(
      this.velocities.map(async (v) => (v === null ? null : ((await v.data()) as Float32Array))),
    );
  }

  restoreState(state: readonly (Float32Array | null)[]): void {
    if (state.length !== this.variables.length) {
      throw new RangeError(
        `Sgd.restoreState: ${state.length} buffers for ${this.variables.length} variables`,
      );
    }
    this.dispose();
    this.velocities = state.map((values, i) =>
      values === null ? null : tf.tensor(values, this.variables[i]!.shape, 'float32'),
    );
  }

  dispose(): void {
    for (const velocity of this.velocities) velocity?.dispose();
    this.velocities = this.variables.map(() => null);
  }
}
