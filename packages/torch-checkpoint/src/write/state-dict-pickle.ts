import type { NamedArray } from '../named-array.js';

const utf8 = new TextEncoder();

/**
 * The `data.pkl` that `torch.save({'epoch': epoch, 'state_dict': OrderedDict(tensors)})` writes
 * (pickle protocol 2): each tensor `_rebuild_tensor_v2` of a float storage whose persistent id is
 * `('storage', torch.FloatStorage, '<i>', 'cpu', numel)`, storage `i` being the i-th tensor.
 */
export function stateDictPickle(tensors: ReadonlyMap<string, NamedArray>, epoch: number): Uint8Array {
  const out: number[] = [];
  const byte = (...values: number[]) => out.push(...values);
  const int = (value: number) => {
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff)
      throw new RangeError(`stateDictPickle: ${value}`);
    byte(0x4a, value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff); // BININT
  };
  const text = (value: string) => {
    const bytes = utf8.encode(value);
    byte(
      0x58,
      bytes.length & 0xff,
      (bytes.length >>> 8) & 0xff,
      (bytes.length >>> 16) & 0xff,
      bytes.length >>> 24,
    ); // BINUNICODE
    for (const b of bytes) out.push(b);
  };
  const global = (module: string, name: string) => {
    byte(0x63); // GLOBAL
    for (const b of utf8.encode(`${module}\n${name}\n`)) out.push(b);
  };
  const tuple = (items: readonly number[]) => {
    byte(0x28); // MARK
    for (const item of items) int(item);
    byte(0x74); // TUPLE
  };
  const orderedDict = () => {
    global('collections', 'OrderedDict');
    byte(0x29, 0x52); // EMPTY_TUPLE, REDUCE
  };

  byte(0x80, 2); // PROTO 2
  byte(0x7d, 0x28); // EMPTY_DICT, MARK
  text('epoch');
  int(epoch);
  text('state_dict');
  orderedDict();
  byte(0x28); // MARK
  let key = 0;
  for (const [name, tensor] of tensors) {
    text(name);
    global('torch._utils', '_rebuild_tensor_v2');
    byte(0x28); // MARK (argument tuple)
    byte(0x28); // MARK (persistent id)
    text('storage');
    global('torch', 'FloatStorage');
    text(String(key));
    text('cpu');
    int(tensor.data.length);
    byte(0x74, 0x51); // TUPLE, BINPERSID
    int(0);
    tuple(tensor.shape);
    tuple(contiguousStrides(tensor.shape));
    byte(0x89); // NEWFALSE (requires_grad)
    orderedDict(); // backward hooks
    byte(0x74, 0x52); // TUPLE, REDUCE
    key += 1;
  }
  byte(0x75); // SETITEMS (the state_dict)
  byte(0x75, 0x2e); // SETITEMS (the checkpoint), STOP
  return Uint8Array.from(out);
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis -= 1) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}
