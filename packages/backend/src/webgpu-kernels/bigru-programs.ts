import type { BiGruStepping } from './bigru-kernel-names.js';

// WGSL programs for tfjs-backend-webgpu (its `WebGPUProgram` interface): tfjs declares the output as
// `result` (read_write), each input under its variable name, and the uniforms below after its own.
// One dispatch advances both directions of a layer by one step; the state the step reads is the
// previous step's row of `result`, written by the previous dispatch.

/** Side of the square tiles in which h·U (forward) and dRec·Uᵀ (backward) are accumulated. */
const TILE = 16;

/** What the programs read from `uniforms` after tfjs's own fields, in this order. */
const STEP_UNIFORMS = 'frames : i32, batch : i32, hidden : i32, step : i32,';

/** The uniform values for {@link STEP_UNIFORMS}. */
export function stepUniforms(frames: number, batch: number, hidden: number, step: number) {
  return [frames, batch, hidden, step].map((value) => ({ type: 'int32', data: [value] }));
}

/** The subset of tfjs-backend-webgpu's `WebGPUProgram` these programs fill in. */
export interface BiGruProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  shaderKey: string;
  readonly dispatchLayout: { x: number[]; y: number[]; z: number[] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number];
  readonly uniforms: string;
  getUserCode(): string;
}

function program(
  name: string,
  variableNames: string[],
  frames: number,
  batch: number,
  hidden: number,
  stepping: BiGruStepping,
  body: string,
): BiGruProgram {
  return {
    variableNames,
    outputShape: [frames, batch, 10 * hidden],
    // tfjs appends shapes and dtypes to this key (on each run: hence a new object per dispatch).
    shaderKey: `${name}_${stepping}`,
    dispatchLayout: { x: [2], y: [1], z: [0] },
    dispatch: [Math.ceil(hidden / TILE), Math.ceil(batch / TILE), 2],
    workgroupSize: [TILE, TILE, 1],
    uniforms: STEP_UNIFORMS,
    getUserCode: () => `
${frameAt(stepping)}
${STABLE_ACTIVATIONS}
${body}`,
  };
}

/** Frame read by `direction` (0 forward, 1 backward) at processing step `step`. */
function frameAt(stepping: BiGruStepping): string {
  const backward = stepping === 'bidirectional' ? 'uniforms.frames - 1 - step' : 'step';
  return `fn frameAt(direction : i32, step : i32) -> i32 {
  if (direction == 1) { return ${backward}; }
  return step;
}`;
}

// tanh as tfjs computes it (WGSL's builtin returns NaN for large |x| on some drivers).
const STABLE_ACTIVATIONS = `
fn stableTanh(a : f32) -> f32 {
  let e = exp(-2.0 * abs(a));
  return sign(a) * (1.0 - e) / (1.0 + e);
}
fn sigmoid(a : f32) -> f32 { return 1.0 / (1.0 + exp(-a)); }`;

/**
 * One step of both directions (PyTorch's GRU, gate order r, z, n):
 *   r = σ(p_r + h·U_r + b_hr), z = σ(p_z + h·U_z + b_hz), n = tanh(p_n + r ⊙ (h·U_n + b_hn)),
 *   h' = n + z ⊙ (h − n),
 * where p = x·W_i + b_i comes precomputed in `projections`. Thread (j, b) of direction z computes
 * column j of all three gates for batch row b; a 16 × 16 workgroup shares tiles of h and U.
 */
export function biGruStepProgram(
  frames: number,
  batch: number,
  hidden: number,
  stepping: BiGruStepping,
): BiGruProgram {
  const names = ['projections', 'forwardKernel', 'forwardBias', 'backwardKernel', 'backwardBias'];
  return program(
    'halpBiGruStep',
    names,
    frames,
    batch,
    hidden,
    stepping,
    `
var<workgroup> stateTile : array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> kernelTile : array<array<array<f32, ${TILE}>, ${TILE}>, 3>;

fn kernelAt(direction : i32, index : i32) -> f32 {
  if (direction == 0) { return forwardKernel[index]; }
  return backwardKernel[index];
}
fn biasAt(direction : i32, index : i32) -> f32 {
  if (direction == 0) { return forwardBias[index]; }
  return backwardBias[index];
}

${main()} {
  let direction = i32(workgroupId.z);
  let localJ = i32(localId.x);
  let localB = i32(localId.y);
  let j = i32(workgroupId.x) * ${TILE} + localJ;
  let b = i32(workgroupId.y) * ${TILE} + localB;
  let H = uniforms.hidden;
  let B = uniforms.batch;
  let width = 10 * H;
  let frame = frameAt(direction, uniforms.step);
  let hasPrevious = uniforms.step > 0;
  let previousFrame = frameAt(direction, max(uniforms.step - 1, 0));
  let tileB = i32(workgroupId.y) * ${TILE} + localB;

  var sumR = 0.0;
  var sumZ = 0.0;
  var sumN = 0.0;
  if (hasPrevious) {
    for (var k0 = 0; k0 < H; k0 = k0 + ${TILE}) {
      let k = k0 + localJ;
      var state = 0.0;
      if (tileB < B && k < H) {
        state = result[(previousFrame * B + tileB) * width + direction * H + k];
      }
      stateTile[localB][localJ] = state;
      let row = k0 + localB;
      for (var gate = 0; gate < 3; gate = gate + 1) {
        var weight = 0.0;
        if (row < H && j < H) {
          weight = kernelAt(direction, row * 3 * H + gate * H + j);
        }
        kernelTile[gate][localB][localJ] = weight;
      }
      workgroupBarrier();
      for (var kk = 0; kk < ${TILE}; kk = kk + 1) {
        let s = stateTile[localB][kk];
        sumR = sumR + s * kernelTile[0][kk][localJ];
        sumZ = sumZ + s * kernelTile[1][kk][localJ];
        sumN = sumN + s * kernelTile[2][kk][localJ];
      }
      workgroupBarrier();
    }
  }
  if (b < B && j < H) {
    let projection = (frame * B + b) * 6 * H + direction * 3 * H;
    let r = sigmoid(projections[projection + j] + sumR + biasAt(direction, j));
    let z = sigmoid(projections[projection + H + j] + sumZ + biasAt(direction, H + j));
    let recurrentCandidate = sumN + biasAt(direction, 2 * H + j);
    let n = stableTanh(projections[projection + 2 * H + j] + r * recurrentCandidate);
    var previous = 0.0;
    if (hasPrevious) {
      previous = result[(previousFrame * B + b) * width + direction * H + j];
    }
    let out = (frame * B + b) * width;
    result[out + direction * H + j] = n + z * (previous - n);
    let gates = out + 2 * H + direction * 4 * H;
    result[gates + j] = r;
    result[gates + H + j] = z;
    result[gates + 2 * H + j] = n;
    result[gates + 3 * H + j] = recurrentCandidate;
  }
}`,
  );
}

/**
 * One step of backpropagation through time for both directions, processing steps last to first.
 * With dh the gradient reaching h' of this step,
 *   dh = dL/dh'(frame) + dh_next ⊙ z_next + dRec_next · Uᵀ      (from the step after, if any)
 *   da_n = dh ⊙ (1 − z) ⊙ (1 − n²), da_z = dh ⊙ (h − n) ⊙ z(1 − z), da_r = da_n ⊙ hn ⊙ r(1 − r),
 * and dRec = [da_r, da_z, da_n ⊙ r] is what h·U + b_h receives. Thread (j, b) reduces row b of
 * dRec_next against row j of U in 16 × 16 tiles.
 */
export function biGruStepGradProgram(
  frames: number,
  batch: number,
  hidden: number,
  stepping: BiGruStepping,
): BiGruProgram {
  const names = ['sequence', 'outputGradient', 'forwardKernel', 'backwardKernel'];
  return program(
    'halpBiGruStepGrad',
    names,
    frames,
    batch,
    hidden,
    stepping,
    `
var<workgroup> gradientTile : array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> kernelTile : array<array<f32, ${TILE + 1}>, ${TILE}>;

fn kernelAt(direction : i32, index : i32) -> f32 {
  if (direction == 0) { return forwardKernel[index]; }
  return backwardKernel[index];
}

${main()} {
  let direction = i32(workgroupId.z);
  let localJ = i32(localId.x);
  let localB = i32(localId.y);
  let j0 = i32(workgroupId.x) * ${TILE};
  let j = j0 + localJ;
  let b = i32(workgroupId.y) * ${TILE} + localB;
  let H = uniforms.hidden;
  let B = uniforms.batch;
  let width = 10 * H;
  let step = uniforms.step;
  let frame = frameAt(direction, step);
  let hasNext = step < uniforms.frames - 1;
  let nextFrame = frameAt(direction, min(step + 1, uniforms.frames - 1));

  var carried = 0.0;
  if (hasNext) {
    for (var k0 = 0; k0 < 3 * H; k0 = k0 + ${TILE}) {
      let k = k0 + localJ;
      var gradient = 0.0;
      if (b < B && k < 3 * H) {
        let row = (nextFrame * B + b) * width;
        if (k < 2 * H) {
          gradient = result[row + direction * 3 * H + k];
        } else {
          gradient = result[row + 6 * H + direction * H + k - 2 * H];
        }
      }
      gradientTile[localB][localJ] = gradient;
      let kernelRow = j0 + localB;
      var weight = 0.0;
      if (kernelRow < H && k < 3 * H) {
        weight = kernelAt(direction, kernelRow * 3 * H + k);
      }
      kernelTile[localB][localJ] = weight;
      workgroupBarrier();
      for (var kk = 0; kk < ${TILE}; kk = kk + 1) {
        carried = carried + gradientTile[localB][kk] * kernelTile[localJ][kk];
      }
      workgroupBarrier();
    }
  }
  if (b < B && j < H) {
    var dh = outputGradient[(frame * B + b) * 2 * H + direction * H + j];
    if (hasNext) {
      let next = (nextFrame * B + b) * width;
      let nextUpdate = sequence[next + 2 * H + direction * 4 * H + H + j];
      dh = dh + carried + result[next + 8 * H + direction * H + j] * nextUpdate;
    }
    let row = (frame * B + b) * width;
    let gates = row + 2 * H + direction * 4 * H;
    let r = sequence[gates + j];
    let z = sequence[gates + H + j];
    let n = sequence[gates + 2 * H + j];
    let recurrentCandidate = sequence[gates + 3 * H + j];
    var previous = 0.0;
    if (step > 0) {
      previous = sequence[(frameAt(direction, step - 1) * B + b) * width + direction * H + j];
    }
    let candidateGradient = dh * (1.0 - z) * (1.0 - n * n);
    let updateGradient = dh * (previous - n) * z * (1.0 - z);
    let resetGradient = candidateGradient * recurrentCandidate * r * (1.0 - r);
    let projection = row + direction * 3 * H;
    result[projection + j] = resetGradient;
    result[projection + H + j] = updateGradient;
    result[projection + 2 * H + j] = candidateGradient;
    result[row + 6 * H + direction * H + j] = candidateGradient * r;
    result[row + 8 * H + direction * H + j] = dh;
  }
}`,
  );
}

function main(): string {
  return 'fn main()';
}
