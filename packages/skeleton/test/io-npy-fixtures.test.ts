import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../src/io/npy-encode.js';
import { parseNpyHeader } from '../src/io/npy-header.js';
import { decodeNpy } from '../src/io/npy-read.js';
import { toSafeIntegers } from '../src/io/safe-integers.js';
import { openNpy } from '../src/node/io/npy-file.js';
import { readNpy } from '../src/node/io/read-npy.js';
import { fixturePath, HAVE_FIXTURES, leftOf, readManifest, rightOf, run, sha256 } from './io-fixtures.js';

interface NpyEntry {
  readonly kind: 'npy';
  readonly npy_version: '1.0' | '2.0' | '3.0';
  readonly descr: string;
  readonly shape: number[];
  readonly fortran_order: boolean;
  readonly data_offset: number;
  readonly values_c_order: number[];
  readonly sha256: string;
}

interface FormatsManifest {
  readonly files: Record<string, { readonly kind: string } & Partial<NpyEntry>>;
}

const manifest = HAVE_FIXTURES ? readManifest<FormatsManifest>('formats') : { files: {} };
const npyEntries = Object.entries(manifest.files).filter(
  (entry): entry is [string, NpyEntry] => entry[1].kind === 'npy',
);

describe.skipIf(!HAVE_FIXTURES)('npy fixtures written by NumPy', () => {
  it('covers the fixture set the manifest lists', () => {
    expect(npyEntries.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining(['be_f4.npy', 'f32_fortran.npy', 'f32_v2.npy', 'five_d.npy', 'scalar_0d.npy']),
    );
  });

  describe.each(npyEntries)('%s', (name, entry) => {
    const file = fixturePath('formats', name);
    const bytes = HAVE_FIXTURES ? new Uint8Array(readFileSync(file)) : new Uint8Array();

    it('parses the header as the manifest describes it', () => {
      const header = rightOf(parseNpyHeader(bytes, file));
      expect(header.version).toBe(entry.npy_version);
      expect(header.shape).toEqual(entry.shape);
      expect(header.fortranOrder).toBe(entry.fortran_order);
      expect(header.dataOffset).toBe(entry.data_offset);
      expect(header.littleEndian).toBe(!entry.descr.startsWith('>'));
    });

    it('reads every value in C order', async () => {
      const array = rightOf(await run(readNpy(file)));
      expect(array.shape).toEqual(entry.shape);
      const values = Array.from(array.data as ArrayLike<number | bigint>);
      const expected = entry.descr.includes('i8')
        ? entry.values_c_order.map((value) => BigInt(value))
        : entry.descr.includes('f4')
          ? entry.values_c_order.map(Math.fround)
          : entry.values_c_order;
      // toEqual compares numbers with Object.is, so f64_c.npy's -0.0 must stay negative.
      expect(values).toEqual(expected);
    });

    it('re-encodes to the same bytes NumPy wrote', () => {
      const array = rightOf(decodeNpy(bytes, file));
      const encoded = encodeNpy(array, {
        version: entry.npy_version,
        fortranOrder: entry.fortran_order,
        littleEndian: !entry.descr.startsWith('>'),
      });
      expect(sha256(encoded)).toBe(entry.sha256);
    });
  });
});

describe.skipIf(!HAVE_FIXTURES)('broken npy fixtures', () => {
  it('broken_truncated_data.npy: names the data offset and both byte counts', async () => {
    const file = fixturePath('formats', 'broken_truncated_data.npy');
    const error = leftOf(await run(readNpy(file)));
    expect(error).toMatchObject({ _tag: 'DataFileError', format: 'npy', file, position: 'byte 128' });
    expect(error.expected).toContain('180000');
    expect(error.found).toBe('50000 bytes');
  });

  it('broken_truncated_data.npy: refused at open for lazy reads too', async () => {
    const file = fixturePath('formats', 'broken_truncated_data.npy');
    const error = leftOf(await run(openNpy(file)));
    expect(error).toMatchObject({ format: 'npy', file, position: 'byte 128' });
    expect(error.expected).toContain(`${128 + 180000} bytes`);
    expect(error.found).toBe('50128 bytes');
  });

  it('broken_bad_magic.npy: names byte 0, the magic expected and the bytes found', async () => {
    const file = fixturePath('formats', 'broken_bad_magic.npy');
    for (const error of [leftOf(await run(readNpy(file))), leftOf(await run(openNpy(file)))]) {
      expect(error).toMatchObject({ format: 'npy', file, position: 'byte 0' });
      expect(error.expected).toContain('\\x93NUMPY');
      expect(error.found).toBe('\\x93NUMPZ');
      expect(error.message).toContain(file);
    }
  });
});

interface ProcessedManifest {
  readonly splits: Record<
    string,
    {
      readonly files: Record<
        string,
        {
          readonly shape?: number[];
          readonly values?: number[];
          readonly names?: string[];
          readonly labels?: number[];
          readonly checksums?: { sum: number; samples: { index: number[]; value: number }[] };
        }
      >;
      readonly per_sample: {
        readonly index: number;
        readonly sum: number;
        readonly sum_of_squares: number;
      }[];
    }
  >;
}

describe.each(['ntu-processed', 'pku-processed'])('%s arrays', (folder) => {
  const splits = HAVE_FIXTURES ? Object.entries(readManifest<ProcessedManifest>(folder).splits) : [];

  describe.skipIf(!HAVE_FIXTURES).each(splits)('%s', (split, content) => {
    const [benchmark, part] = split.split('/') as [string, string];
    const dataFile = fixturePath(folder, benchmark, `${part}_data_joint.npy`);
    const numFrameFile = fixturePath(folder, benchmark, `${part}_num_frame.npy`);

    it('data_joint: float32 (N, 3, 300, 25, 2) with the manifest sum and sampled values', async () => {
      const array = rightOf(await run(readNpy(dataFile, { dtype: 'float32' })));
      const expected = content.files[`${split}_data_joint.npy`]!;
      expect(array.shape).toEqual(expected.shape);
      const sum = array.data.reduce((total, value) => total + value, 0);
      expect(sum).toBeCloseTo(expected.checksums!.sum, 6);
      const strides = [3 * 300 * 25 * 2, 300 * 25 * 2, 25 * 2, 2, 1];
      for (const { index, value } of expected.checksums!.samples) {
        const offset = index.reduce((total, i, axis) => total + i * strides[axis]!, 0);
        expect(array.data[offset]).toBe(value);
      }
    });

    it('data_joint: each lazily read clip matches the per-sample sums', async () => {
      const file = rightOf(await run(openNpy(dataFile, { dtype: 'float32' })));
      try {
        expect(file.records).toBe(content.per_sample.length);
        for (const sample of content.per_sample) {
          const clip = rightOf(await run(file.readRecord(sample.index)));
          expect(clip.shape).toEqual([3, 300, 25, 2]);
          const sum = clip.data.reduce((total, value) => total + value, 0);
          const squares = clip.data.reduce((total, value) => total + value * value, 0);
          expect(sum).toBeCloseTo(sample.sum, 6);
          expect(squares).toBeCloseTo(sample.sum_of_squares, 6);
        }
      } finally {
        await file.close();
      }
    });

    it('num_frame: int64 frame counts, exact as numbers', async () => {
      const array = rightOf(await run(readNpy(numFrameFile, { dtype: 'int64' })));
      const counts = rightOf(toSafeIntegers(array, numFrameFile));
      expect(Array.from(counts)).toEqual(content.files[`${split}_num_frame.npy`]!.values);
    });
  });
});
