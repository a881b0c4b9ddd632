import * as tf from '@tensorflow/tfjs-core';

/** SGD settings of the references (`torch.optim.SGD`, dampening 0, no Nesterov). */
export interface SgdOptions {
  readonly momentum: number;
  readonly weightDecay: number;
}

/**
 * SGD with momentum and L2 weight decay, exactly as PyTorch applies it:
 *
 *   g ← ∇θ + wd·θ,   v ← μ·v + g   (v = g on the first step),   θ ← θ − lr·v
 *
 * tfjs's own `MomentumOptimizer` has no weight decay and keeps its buffers out of reach; this one
 * keeps the velocity buffers as plain tensors so checkpoints can save and restore them exactly.
 */
export class Sgd {
  private velocities: (tf.Tensor | null)[];

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly options: SgdOptions,
  ) {
    this.velocities = variables.map(() => null);
  }

  /** Applies one update with the given gradients (same order as the variables). */
  step(gradients: readonly tf.Tensor[], learningRate: number): void {
    if (gradients.length !== this.variables.length) {
      throw new RangeError(`Sgd.step: ${gradients.length} gradients for ${this.variables.length} variables`);
    }
    const { momentum, weightDecay } = this.options;
    this.velocities = this.variables.map((variable, i) => {
      const previous = this.velocities[i] ?? null;
      const velocity = tf.tidy(() => {
        const gradient =
          weightDecay === 0 ? gradients[i]! : tf.add(gradients[i]!, tf.mul(variable, weightDecay));
        return previous === null ? tf.clone(gradient) : tf.add(tf.mul(previous, momentum), gradient);
      });
      previous?.dispose();
      tf.tidy(() => variable.assign(tf.sub(variable, tf.mul(velocity, learningRate))));
      return velocity;
    });
  }

  /** The velocity buffers (null before a variable's first update), for checkpoints. */
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
