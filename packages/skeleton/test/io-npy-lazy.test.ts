import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { DTYPE_NAMES, itemSize, typedArrayView } from '../src/io/dtype.js';
import { type NdArray, ndArray } from '../src/io/nd-array.js';
import { encodeNpy } from '../src/io/npy-encode.js';
import { elementCount } from '../src/io/shape.js';
import { openNpy, openNpySync } from '../src/node/io/npy-file.js';
import { writeNpy } from '../src/node/io/npy-write.js';
import { createNpyWriter } from '../src/node/io/npy-writer.js';
import { readNpy } from '../src/node/io/read-npy.js';
import { leftOf, rightOf, run, useTempDir } from './io-fixtures.js';

const CLIP_SHAPE = [3, 6, 5, 2];
const CLIP = elementCount(CLIP_SHAPE);

/** NTU-shaped (N, C, T, V, M) float32 data with a distinct value per element. */
function clips(count: number): NdArray<'float32'> {
  return ndArray(
    'float32',
    [count, ...CLIP_SHAPE],
    Float32Array.from({ length: count * CLIP }, (_, i) => i / 8 - 3),
  );
}

const bytesOf = (array: NdArray) =>
  new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);

describe('openNpy: record reads', () => {
  const tempDir = useTempDir();

  it('each record read lazily equals the same slice of the full read, async and sync', async () => {
    const file = path.join(tempDir(), 'train_data_joint.npy');
    const all = clips(7);
    rightOf(await run(writeNpy(file, all)));
    const full = rightOf(await run(readNpy(file, { dtype: 'float32' })));
    const npy = rightOf(await run(openNpy(file, { dtype: 'float32' })));
    try {
      expect(npy.records).toBe(7);
      expect(npy.recordShape).toEqual(CLIP_SHAPE);
      for (const index of [6, 0, 3]) {
        const expected = full.data.subarray(index * CLIP, (index + 1) * CLIP);
        const clip = rightOf(await run(npy.readRecord(index)));
        expect(clip.shape).toEqual(CLIP_SHAPE);
        expect(clip.data).toEqual(expected);
        expect(rightOf(npy.readRecordSync(index)).data).toEqual(expected);
      }
      const rows = rightOf(await run(npy.readRows(2, 3)));
      expect(rows.shape).toEqual([3, ...CLIP_SHAPE]);
      expect(rows.data).toEqual(full.data.subarray(2 * CLIP, 5 * CLIP));
      expect(rightOf(npy.readRowsSync(7, 0)).shape).toEqual([0, ...CLIP_SHAPE]);
    } finally {
      await npy.close();
    }
  });

  it('records outside the file are a RangeError (a programming error), not a read', () => {
    const file = path.join(tempDir(), 'x.npy');
    writeFileSync(file, encodeNpy(clips(2)));
    const npy = rightOf(openNpySync(file));
    try {
      expect(() => npy.readRecord(2)).toThrow(RangeError);
      expect(() => npy.readRowsSync(1, 2)).toThrow(RangeError);
      expect(() => npy.readRecordSync(-1)).toThrow(RangeError);
    } finally {
      npy.closeSync();
    }
  });

  it('any dtype and byte order: lazy rows equal the full decode (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DTYPE_NAMES.filter((dtype) => dtype !== 'bool')),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.nat(),
        async (dtype, shape, littleEndian, pick) => {
          const bytes = Uint8Array.from(
            { length: elementCount(shape) * itemSize(dtype) },
            (_, i) => (i * 37 + 11) % 256,
          );
          const array = ndArray(dtype, shape, typedArrayView(dtype, bytes.buffer, 0, elementCount(shape)));
          const file = path.join(tempDir(), `p-${dtype}.npy`);
          writeFileSync(file, encodeNpy(array, { littleEndian }));
          const npy = rightOf(openNpySync(file));
          try {
            const index = pick % shape[0]!;
            const record = rightOf(await run(npy.readRecord(index)));
            const recordBytes = bytes.length / shape[0]!;
            expect(bytesOf(record)).toEqual(bytes.subarray(index * recordBytes, (index + 1) * recordBytes));
          } finally {
            npy.closeSync();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses at open: wrong dtype, Fortran order, 0-d arrays, wrong file size, missing file', async () => {
    const dir = tempDir();
    const write = (name: string, bytes: Uint8Array) => {
      writeFileSync(path.join(dir, name), bytes);
      return path.join(dir, name);
    };
    const f32 = write('f32.npy', encodeNpy(clips(1)));
    expect(leftOf(openNpySync(f32, { dtype: 'float64' }))).toMatchObject({
      position: 'header',
      found: 'dtype float32',
    });
    const fortran = write('f.npy', encodeNpy(clips(2), { fortranOrder: true }));
    expect(leftOf(openNpySync(fortran)).expected).toContain('C order');
    const scalar = write('s.npy', encodeNpy(ndArray('float32', [], Float32Array.of(3.25))));
    expect(leftOf(openNpySync(scalar)).expected).toContain('at least one axis');
    const longer = write('l.npy', new Uint8Array([...encodeNpy(clips(1)), 0]));
    expect(leftOf(openNpySync(longer))).toMatchObject({
      position: 'byte 128',
      found: `${128 + CLIP * 4 + 1} bytes`,
    });
    const missing = path.join(dir, 'missing.npy');
    expect(leftOf(await run(openNpy(missing)))).toMatchObject({
      format: 'io',
      file: missing,
      position: 'open',
    });
  });

  it('a file truncated after opening gives an error naming the shortfall, not garbage', async () => {
    const file = path.join(tempDir(), 'x.npy');
    writeFileSync(file, encodeNpy(clips(3)));
    const npy = rightOf(openNpySync(file));
    try {
      truncateSync(file, 128 + CLIP * 4 + 10);
      const error = leftOf(await run(npy.readRecord(1)));
      expect(error).toMatchObject({ position: `byte ${128 + CLIP * 4}`, found: '10 bytes' });
      expect(leftOf(npy.readRecordSync(2))).toMatchObject({ found: '0 bytes' });
    } finally {
      await npy.close();
    }
  });
});

describe('createNpyWriter: streaming writes', () => {
  const tempDir = useTempDir();

  it('appending records in chunks produces exactly encodeNpy of the whole array', async () => {
    const file = path.join(tempDir(), 'train_data_joint.npy');
    const all = clips(5);
    const writer = rightOf(await run(createNpyWriter(file, 'float32', all.shape)));
    rightOf(await run(writer.append(all.data.subarray(0, 2 * CLIP))));
    rightOf(await run(writer.append(all.data.subarray(2 * CLIP, 3 * CLIP))));
    rightOf(await run(writer.append(all.data.subarray(3 * CLIP))));
    expect(writer.appended).toBe(5);
    rightOf(await run(writer.finish()));
    expect(new Uint8Array(readFileSync(file))).toEqual(encodeNpy(all));
    expect(readdirSync(tempDir())).toEqual(['train_data_joint.npy']);
  });

  it('concurrent appends land at the offsets fixed when each was called', async () => {
    const file = path.join(tempDir(), 'c.npy');
    const all = clips(4);
    const writer = rightOf(await run(createNpyWriter(file, 'float32', all.shape)));
    const tasks = [0, 1, 2, 3].map((i) => writer.append(all.data.subarray(i * CLIP, (i + 1) * CLIP)));
    const results = await Promise.all([...tasks].reverse().map((task) => task()));
    expect(results.every(E.isRight)).toBe(true);
    rightOf(await run(writer.finish()));
    expect(new Uint8Array(readFileSync(file))).toEqual(encodeNpy(all));
  });

  it('finish with records missing is an error, and the target is never created', async () => {
    const file = path.join(tempDir(), 'partial.npy');
    const writer = rightOf(await run(createNpyWriter(file, 'float32', [3, ...CLIP_SHAPE])));
    rightOf(await run(writer.append(clips(1).data)));
    expect(leftOf(await run(writer.finish()))).toMatchObject({
      file,
      expected: '3 records for shape (3, 3, 6, 5, 2)',
      found: '1 written',
    });
    await writer.abort();
    expect(readdirSync(tempDir())).toEqual([]);
  });

  it('partial records and too many records throw RangeError at the call', async () => {
    const writer = rightOf(await run(createNpyWriter(path.join(tempDir(), 'r.npy'), 'int64', [2, 3])));
    expect(() => writer.append(new BigInt64Array(4))).toThrow(RangeError);
    expect(() => writer.append(new BigInt64Array(9))).toThrow(RangeError);
    await writer.abort();
    expect(() => createNpyWriter('x.npy', 'float32', [])).toThrow(RangeError);
  });

  it('an unwritable destination is an io error naming it', async () => {
    const file = path.join(tempDir(), 'no', 'such', 'dir', 'x.npy');
    expect(leftOf(await run(createNpyWriter(file, 'float32', [1])))).toMatchObject({ format: 'io', file });
  });
});
