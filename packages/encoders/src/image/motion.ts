import * as tf from '@tensorflow/tfjs-core';

/**
 * HCN's motion input: the frame differences d_t = x_{t+1} − x_t (t = 0 … T−2), resampled from T − 1
 * to T frames by linear interpolation with PyTorch's `F.interpolate(…, mode='bilinear',
 * align_corners=False)` (the joint axis keeps its size, so only time is interpolated). So no frame
 * is padded: output frame t samples the differences at s_t = (t + ½)(T − 1)/T − ½, clamped into
 * [0, T − 2], which gives
 *
 *   m_0 = d_0,   m_t = w_t · d_{t−1} + (1 − w_t) · d_t  with w_t = (t + ½)/T  (0 < t < T − 1),
 *   m_{T−1} = d_{T−2}.
 *
 * (The motion *modality* of docs/method.md §4 instead pads a zero last frame; this is the encoder's
 * internal stream, as in HCN.) Written as one blend of two shifted views of the differences padded
 * by repeating their first and last frames, e = [d_0, d_0, d_1, …, d_{T−2}, d_{T−2}]:
 * m_t = w_t · e_t + (1 − w_t) · e_{t+1}.
 *
 * x [N, T, V, C] with T ≥ 2 → [N, T, V, C]. A clip constant in time has zero motion.
 */
export function motionInput(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, frames, joints, channels] = x.shape;
    const later = tf.slice(x, [0, 1, 0, 0], [batch, frames - 1, joints, channels]);
    const earlier = tf.slice(x, [0, 0, 0, 0], [batch, frames - 1, joints, channels]);
    const differences = tf.sub(later, earlier);
    const first = tf.slice(differences, [0, 0, 0, 0], [batch, 1, joints, channels]);
    const last = tf.slice(differences, [0, frames - 2, 0, 0], [batch, 1, joints, channels]);
    const extended = tf.concat([first, differences, last], 1);
    const weights = Float32Array.from({ length: frames }, (_, t) => (t + 0.5) / frames);
    const weight = tf.tensor4d(weights, [1, frames, 1, 1]);
    const current = tf.slice(extended, [0, 0, 0, 0], [batch, frames, joints, channels]);
    const next = tf.slice(extended, [0, 1, 0, 0], [batch, frames, joints, channels]);
    return tf.add(tf.mul(current, weight), tf.mul(next, tf.sub(1, weight)));
  });
}
