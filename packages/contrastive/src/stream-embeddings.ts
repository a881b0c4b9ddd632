/**
 * One stream's embeddings in a training step, as the cross-stream losses (ISC, CMD) read them: the
 * B × D queries of its query encoder, the B × D keys of its momentum key encoder, and its K × D
 * queue of earlier keys (before this batch's keys are enqueued). `M` is `tf.Tensor2D` for the tfjs
 * forms and `Matrix` (from `@halp/hypersphere`) for the float64 array forms.
 */
export interface StreamEmbeddings<M> {
  readonly queries: M;
  readonly keys: M;
  readonly queue: M;
}
