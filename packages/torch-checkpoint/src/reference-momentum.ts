import { type BiGruEncoderConfig, encoderVariableSpecs } from '@halp/encoders';
import { isKind, isPickleKey } from '@halp/skeleton';
import { checkedShape, floatTensor } from './float-tensor.js';
import { assemble } from './named-array.js';
import { referenceBiGruParts } from './reference-bigru-names.js';
import { asDict, rootEntry } from './state-dict.js';
import type { TorchCheckpoint } from './torch-checkpoint.js';
import type { TorchTensor } from './torch-tensor.js';

/** SGD's settings of the first parameter group, as saved. */
export interface OptimizerSettings {
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
}

export interface ReferenceMomentum {
  /** Per trainable variable of the encoder, in halp's order (null: never updated); null: none placed. */
  readonly velocities: (Float32Array | null)[] | null;
  readonly settings: OptimizerSettings | null;
}

const BUFFER_SUFFIXES = ['running_mean', 'running_var', 'num_batches_tracked'];

/**
 * SGD's momentum buffers (`checkpoint['optimizer']`) placed on the trainable variables of the
 * encoder under `encoderPrefix`. The reference's optimizer covers `model.parameters()`, whose order
 * is the state_dict's with the buffers left out; its state refers to them by position. What cannot
 * be placed is said in `notes` and starts from zero.
 */
export async function referenceMomentum(
  checkpoint: TorchCheckpoint,
  state: ReadonlyMap<string, TorchTensor>,
  prefix: string,
  encoderPrefix: string,
  config: BiGruEncoderConfig,
  notes: string[],
): Promise<ReferenceMomentum> {
  const saved = asDict(rootEntry(checkpoint, 'optimizer'));
  const groups = saved?.entries.get('param_groups');
  const savedState = asDict(saved?.entries.get('state'));
  if (saved === undefined || !Array.isArray(groups) || savedState === undefined) {
    notes.push('no optimizer state: SGD momentum starts from zero');
    return { velocities: null, settings: null };
  }
  const ids = groups.flatMap((group) => {
    const params = asDict(group)?.entries.get('params');
    return Array.isArray(params) ? params : [];
  });
  const first = asDict(groups[0]);
  const number = (key: string): number => {
    const value = first?.entries.get(key);
    return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number.NaN;
  };
  const settings = {
    learningRate: number('lr'),
    momentum: number('momentum'),
    weightDecay: number('weight_decay'),
  };
  const parameters = [...state.keys()].filter(
    (name) =>
      name.startsWith(`${prefix}encoder_`) && !BUFFER_SUFFIXES.some((suffix) => name.endsWith(suffix)),
  );
  if (ids.length !== parameters.length) {
    notes.push(
      `the optimizer covers ${ids.length} parameters, the state_dict has ${parameters.length}: SGD momentum starts from zero`,
    );
    return { velocities: null, settings };
  }
  const buffers = new Map<string, TorchTensor>();
  parameters.forEach((name, position) => {
    const id = ids[position]!;
    const slot = isPickleKey(id) ? savedState.entries.get(id) : undefined;
    const buffer = asDict(slot)?.entries.get('momentum_buffer');
    if (buffer !== undefined && isKind(buffer, 'extension') && buffer.type === 'torch.Tensor') {
      buffers.set(name, buffer.value as TorchTensor);
    }
  });
  const parts = referenceBiGruParts(config);
  const velocities: (Float32Array | null)[] = [];
  for (const spec of encoderVariableSpecs(config).filter((spec) => spec.trainable)) {
    const sources = parts.get(spec.name)!.map((part) => ({ ...part, name: encoderPrefix + part.name }));
    const present = sources.filter((part) => buffers.has(part.name));
    if (present.length !== sources.length) {
      if (present.length > 0) {
        const names = sources.map((part) => part.name).join(', ');
        notes.push(`momentum of ${spec.name}: only some of ${names} have one; it starts from zero`);
      }
      velocities.push(null);
      continue;
    }
    const arrays = await Promise.all(
      sources.map((part) => floatTensor(checkpoint, part.name, buffers.get(part.name)!)),
    );
    velocities.push(
      checkedShape(assemble(arrays, sources), spec.shape, sources, checkpoint.source.name).data,
    );
  }
  return { velocities, settings };
}
