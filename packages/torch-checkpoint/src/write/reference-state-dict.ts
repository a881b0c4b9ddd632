import type { BiGruEncoder } from '@halp/encoders';
import { disassemble, type NamedArray } from '../named-array.js';
import { referenceBiGruParts } from '../reference-bigru-names.js';
import { stateDictPickle } from './state-dict-pickle.js';
import { storedZip } from './stored-zip.js';

const encoder = new TextEncoder();

/**
 * A halp BiGRU as a PyTorch checkpoint the references' evaluation scripts load:
 * `torch.save({'epoch': epoch, 'state_dict': OrderedDict('encoder_q.<name>': tensor)})`, names and
 * layouts those of their `BIGRU` (the inverse of `importReferenceMoco`, see `referenceBiGruParts`),
 * float32 storages on the CPU. Their `load_pretrained` keeps `encoder_q.*` but `fc`, and
 * `load_state_dict(strict=False)` fills the model. The encoder should step `'reference'`: the
 * references run their GRU frame by frame whatever the weights were trained with.
 */
export async function referenceCheckpointBytes(model: BiGruEncoder, epoch = 0): Promise<Uint8Array> {
  const parts = referenceBiGruParts(model.config);
  const tensors = new Map<string, NamedArray>();
  for (const { name, variable } of model.variables) {
    const sources = parts.get(name)!;
    const array = { shape: variable.shape, data: (await variable.data()) as Float32Array };
    const pieces = disassemble(array, sources);
    for (const [p, part] of sources.entries()) tensors.set(`encoder_q.${part.name}`, pieces[p]!);
  }
  const ordered = new Map([...tensors].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
  const storages = [...ordered.values()].map((tensor, key) => ({
    name: `archive/data/${key}`,
    bytes: new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength),
  }));
  return storedZip([
    { name: 'archive/data.pkl', bytes: stateDictPickle(ordered, epoch) },
    { name: 'archive/byteorder', bytes: encoder.encode('little') },
    ...storages,
    { name: 'archive/version', bytes: encoder.encode('3\n') },
  ]);
}

/** The reference module's order: GRU (layer by layer, forward then reverse), fc, input_norm. */
function rank(name: string): number {
  const gru = /gru\.(weight_ih|weight_hh|bias_ih|bias_hh)_l(\d+)(_reverse)?$/.exec(name);
  if (gru !== null) {
    const kind = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'].indexOf(gru[1]!);
    return Number(gru[2]) * 8 + (gru[3] === undefined ? 0 : 4) + kind;
  }
  return name.includes('.fc') ? 1e6 : 2e6;
}
