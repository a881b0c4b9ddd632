import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reverseAxes } from '../src/io/axis-order.js';
import { DTYPE_NAMES, type DtypeName, itemSize, typedArrayView } from '../src/io/dtype.js';
import { type NdArray, ndArray } from '../src/io/nd-array.js';
import { encodeNpy } from '../src/io/npy-encode.js';
import { type NpyVersion, parseNpyHeader } from '../src/io/npy-header.js';
import { decodeNpy } from '../src/io/npy-read.js';
import { toSafeIntegers } from '../src/io/safe-integers.js';
import { elementCount } from '../src/io/shape.js';
import { leftOf, rightOf } from './io-fixtures.js';
import { pythonMade } from './io-python-made.js';

const bytesOf = (array: NdArray) =>
  new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);

describe('arrays written by NumPy 2 (u1, b1, big-endian Fortran i8, versions 2.0 and 3.0, empty)', () => {
  const cases = [
    ['npy_u1', 'uint8', [2, 3], [0, 1, 255, 7, 128, 3], {}],
    ['npy_b1', 'bool', [4], [1, 0, 1, 1], {}],
    [
      'npy_i8_be_fortran',
      'int64',
      [3, 4],
      Array.from({ length: 12 }, (_, i) => BigInt(i - 6)),
      { littleEndian: false, fortranOrder: true },
    ],
    ['npy_f8_v3', 'float64', [2, 2], [1.5, -0, 1e-310, 3], { version: '3.0' }],
    ['npy_f4_v2_be', 'float32', [3], [1, -2, 0.5], { version: '2.0', littleEndian: false }],
    ['npy_i4_empty', 'int32', [0, 3], [], {}],
    ['npy_f4_shape_1x1x1', 'float32', [1, 1, 1], [42], {}],
  ] as const;

  it.each(cases)('%s: values in C order', (name, dtype, shape, values) => {
    const array = rightOf(decodeNpy(pythonMade(name), name));
    expect(array.dtype).toBe(dtype);
    expect(array.shape).toEqual(shape);
    expect(Array.from(array.data as ArrayLike<number | bigint>)).toEqual(values);
  });

  it.each(cases)('%s: encoded byte for byte', (name, _dtype, _shape, _values, options) => {
    const bytes = pythonMade(name);
    expect(encodeNpy(rightOf(decodeNpy(bytes, name)), options)).toEqual(bytes);
  });
});

/** A version-1.0 file with this header text, padded like NumPy's, followed by `data`. */
function npyFile(header: string, data: Uint8Array = new Uint8Array(), version = [1, 0]): Uint8Array {
  const lengthBytes = version[0] === 1 ? 2 : 4;
  const text = Buffer.from(`${header}\n`, 'latin1');
  const bytes = new Uint8Array(8 + lengthBytes + text.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version[0]!, version[1]!]);
  const view = new DataView(bytes.buffer);
  if (lengthBytes === 2) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  bytes.set(text, 8 + lengthBytes);
  bytes.set(data, 8 + lengthBytes + text.length);
  return bytes;
}

describe('header validation', () => {
  const parse = (bytes: Uint8Array) => parseNpyHeader(bytes, 'h.npy');
  const dict = (descr: string, fortran: string, shape: string) =>
    `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

  it('accepts any key order, double quotes and Python 2 long literals', () => {
    const header = rightOf(parse(npyFile(`{"shape": (3L, 4L), 'fortran_order': False, "descr": "<i4"}`)));
    expect(header).toMatchObject({ dtype: 'int32', shape: [3, 4], fortranOrder: false, littleEndian: true });
  });

  it.each([
    ['unsupported dtype', dict("'<c8'", 'False', '(3,)'), 'byte 11', "'<c8'"],
    ['structured dtype', dict("[('x', '<f4')]", 'False', '(3,)'), 'byte 20', "\"[('x', '<f4'\""],
    ['fortran_order not a bool', dict("'<f4'", '1', '(3,)'), 'byte 27', '1'],
    // 'shape' starts at character 41 of the header text, which starts at byte 10.
    ['negative dimension', dict("'<f4'", 'False', '(3, -1)'), 'byte 51', '(3, -1)'],
    ['shape that is an int', dict("'<f4'", 'False', '(3)'), 'byte 51', '3'],
    ['missing key', "{'descr': '<f4', 'fortran_order': False}", 'byte 10', 'no such key'],
    ['extra key', "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'x': 1}", 'byte 10', "'x'"],
    ['repeated key', "{'descr': '<f4', 'descr': '<f8'}", 'byte 27', "a second 'descr'"],
    ['unclosed dict', "{'descr': '<f4'", 'byte 26', 'end of header'],
  ])('%s: names the byte and what was found', (_case, header, position, found) => {
    const error = leftOf(parse(npyFile(header)));
    expect(error).toMatchObject({ format: 'npy', file: 'h.npy', position, found });
  });

  it('refuses unknown versions, short files and header lengths past the end', () => {
    const valid = npyFile(dict("'<f4'", 'False', '()'), new Uint8Array(4));
    const version4 = valid.slice();
    version4[6] = 4;
    expect(leftOf(parse(version4))).toMatchObject({ position: 'byte 6', found: '4.0' });
    expect(leftOf(parse(valid.subarray(0, 9)))).toMatchObject({
      position: 'byte 8',
      expected: 'a 2-byte header length',
    });
    expect(leftOf(parse(valid.subarray(0, 30)))).toMatchObject({
      position: 'byte 10',
      found: '20 bytes before end of file',
    });
    expect(leftOf(parse(new Uint8Array()))).toMatchObject({ position: 'byte 0', found: 'end of file' });
  });

  it('refuses a 4-byte header length beyond 1 MiB instead of allocating it', () => {
    const bytes = npyFile(dict("'<f4'", 'False', '()'), new Uint8Array(4), [2, 0]);
    new DataView(bytes.buffer).setUint32(8, 0xfffffff0, true);
    expect(leftOf(parse(bytes))).toMatchObject({ position: 'byte 8', found: `${0xfffffff0} bytes` });
  });

  it('version 3.0 headers are UTF-8 and positions count bytes', () => {
    const text = Buffer.from(`{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'é': 1}\n`, 'utf8');
    const bytes = new Uint8Array(12 + text.length);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 3, 0]);
    new DataView(bytes.buffer).setUint32(8, text.length, true);
    bytes.set(text, 12);
    expect(leftOf(parse(bytes))).toMatchObject({ position: 'byte 12', found: "'é'" });
  });
});

describe('version choice', () => {
  it('falls back to 2.0 when the header outgrows the 2-byte length of 1.0, as NumPy does', () => {
    const shape = new Array<number>(25_000).fill(1);
    const file = encodeNpy(ndArray('uint8', shape, Uint8Array.of(7)));
    expect(rightOf(parseNpyHeader(file, 'v.npy')).version).toBe('2.0');
    const decoded = rightOf(decodeNpy(file, 'v.npy'));
    expect(decoded.shape).toEqual(shape);
    expect(Array.from(decoded.data as Uint8Array)).toEqual([7]);
  });
});

describe('data validation', () => {
  it('a bool byte other than 0 or 1 is an error at its byte', () => {
    const bytes = npyFile(
      `{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }`,
      Uint8Array.of(1, 0, 2),
    );
    const dataOffset = bytes.length - 3;
    expect(leftOf(decodeNpy(bytes, 'b.npy'))).toMatchObject({
      position: `byte ${dataOffset + 2}`,
      found: '2',
    });
  });

  it('trailing bytes after the data are an error, like missing ones', () => {
    const bytes = npyFile(`{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }`, new Uint8Array(5));
    expect(leftOf(decodeNpy(bytes, 't.npy'))).toMatchObject({ found: '5 bytes' });
  });

  it('reads an unaligned slice of a larger buffer (no alignment assumption)', () => {
    const file = encodeNpy(ndArray('float64', [2], Float64Array.of(1.25, -3)));
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    expect(Array.from(rightOf(decodeNpy(shifted.subarray(1), 'u.npy')).data as Float64Array)).toEqual([
      1.25, -3,
    ]);
  });
});

const arbitraryArray = fc
  .record({
    dtype: fc.constantFrom(...DTYPE_NAMES),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }),
    seed: fc.integer(),
  })
  .chain(({ dtype, shape }) =>
    fc
      .uint8Array({
        minLength: elementCount(shape) * itemSize(dtype),
        maxLength: elementCount(shape) * itemSize(dtype),
      })
      .map((bytes) => arrayFromBytes(dtype, shape, bytes)),
  );

/** An array whose element bytes are `bytes` (bool bytes reduced to 0/1). */
function arrayFromBytes(dtype: DtypeName, shape: number[], bytes: Uint8Array): NdArray {
  const owned = dtype === 'bool' ? bytes.map((byte) => byte & 1) : bytes.slice();
  return ndArray(dtype, shape, typedArrayView(dtype, owned.buffer, 0, elementCount(shape)));
}

describe('encode / decode round trip (property)', () => {
  it('any dtype, shape, byte order, memory order and version comes back bit for bit', () => {
    fc.assert(
      fc.property(
        arbitraryArray,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<NpyVersion | undefined>(undefined, '1.0', '2.0', '3.0'),
        (array, littleEndian, fortranOrder, version) => {
          const file = encodeNpy(array, { littleEndian, fortranOrder, version });
          const header = rightOf(parseNpyHeader(file, 'p.npy'));
          expect(header.dataOffset % 64).toBe(0);
          expect(header.version).toBe(version ?? '1.0');
          const decoded = rightOf(decodeNpy(file, 'p.npy'));
          expect(decoded.dtype).toBe(array.dtype);
          expect(decoded.shape).toEqual(array.shape);
          expect(bytesOf(decoded)).toEqual(bytesOf(array));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reversing the axes twice is the identity; once, it transposes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (shape) => {
        const count = elementCount(shape);
        const bytes = Uint8Array.from({ length: count }, (_, i) => i % 251);
        const reversed = reverseAxes(bytes, shape, 1);
        expect(reverseAxes(reversed, [...shape].reverse(), 1)).toEqual(bytes);
        // Element [i0, …, in] of the input is element [in, …, i0] of the output.
        const last = shape.map((dimension) => dimension - 1);
        const offset = (index: number[], dims: number[]) =>
          index.reduce((total, i, axis) => total * dims[axis]! + i, 0);
        expect(reversed[offset([...last].reverse(), [...shape].reverse())]).toBe(bytes[offset(last, shape)]);
      }),
    );
  });
});

describe('toSafeIntegers', () => {
  it('converts any integer dtype exactly', () => {
    const array = ndArray('int64', [3], BigInt64Array.of(-(2n ** 53n) + 1n, 0n, 2n ** 53n - 1n));
    expect(Array.from(rightOf(toSafeIntegers(array, 'n.npy')))).toEqual([-(2 ** 53) + 1, 0, 2 ** 53 - 1]);
    expect(
      Array.from(rightOf(toSafeIntegers(ndArray('uint8', [2], Uint8Array.of(0, 255)), 'n.npy'))),
    ).toEqual([0, 255]);
  });

  it('names the first element beyond 2^53 - 1 and refuses non-integer dtypes', () => {
    const array = ndArray('uint64', [3], BigUint64Array.of(1n, 2n ** 53n, 2n ** 64n - 1n));
    expect(leftOf(toSafeIntegers(array, 'n.npy'))).toMatchObject({ file: 'n.npy', position: 'element 1' });
    expect(leftOf(toSafeIntegers(ndArray('float32', [1], Float32Array.of(1)), 'n.npy'))).toMatchObject({
      found: 'dtype float32',
    });
  });
});

describe('ndArray', () => {
  it('refuses data whose length does not match the shape, and bad dimensions', () => {
    expect(() => ndArray('float32', [2, 3], new Float32Array(5))).toThrow(RangeError);
    expect(() => ndArray('float32', [-1], new Float32Array(0))).toThrow(RangeError);
    expect(() => ndArray('float32', [1.5], new Float32Array(1))).toThrow(RangeError);
  });
});
