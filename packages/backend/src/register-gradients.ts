// Registers the gradients of every tfjs-core op (what `tf.grad` / `tf.variableGrads` need).
//
// tfjs-core ships them only as extensionless ES modules (`dist/register_all_gradients.js`), which
// bundlers load but Node's ESM loader cannot. Under a bundler or vitest this file imports them
// directly; the build replaces its compiled output with a self-contained bundle of the same
// modules (scripts/bundle-gradients.mjs), which registers into tfjs-core's global registry.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
