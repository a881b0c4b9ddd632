import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLabelPickle, encodeLabelPickle } from '../src/io/label-pickle.js';
import { LABEL_PICKLE_POLICY, type UnpicklePolicy } from '../src/io/pickle-globals.js';
import { isKind } from '../src/io/pickle-value.js';
import { type PicklableValue, picklePython } from '../src/io/pickle-writer.js';
import { unpickle, unpickleAt } from '../src/io/unpickle.js';
import { readLabelPickle, writeLabelPickle } from '../src/node/io/label-pickle-file.js';
import {
  fixturePath,
  HAVE_FIXTURES,
  leftOf,
  readManifest,
  rightOf,
  run,
  sha256,
  useTempDir,
} from './io-fixtures.js';
import { pythonMade } from './io-python-made.js';

interface PklEntry {
  readonly kind: 'pkl';
  readonly pickle_protocol: number;
  readonly names: string[];
  readonly labels: number[];
  readonly label_types: string[];
  readonly sha256: string;
}

const manifest = HAVE_FIXTURES
  ? readManifest<{ files: Record<string, { kind: string }> }>('formats')
  : { files: {} };
const pklEntries = Object.entries(manifest.files).filter(
  (entry): entry is [string, PklEntry] => entry[1].kind === 'pkl',
);

describe.skipIf(!HAVE_FIXTURES)('label pickles written by Python', () => {
  it.each(pklEntries)('%s: names and integer labels', async (name, entry) => {
    const labels = rightOf(await run(readLabelPickle(fixturePath('formats', name))));
    expect(labels.names).toEqual(entry.names);
    expect(labels.labels).toEqual(entry.labels);
  });

  it('covers protocols 2, 4, 5 and Python int, numpy.int64 and numpy.float64 labels', () => {
    expect(new Set(pklEntries.map(([, entry]) => entry.pickle_protocol))).toEqual(new Set([2, 4, 5]));
    expect(new Set(pklEntries.flatMap(([, entry]) => entry.label_types))).toEqual(
      new Set(['int', 'numpy.int64', 'numpy.float64']),
    );
  });

  it('writes labels_p4_int.pkl byte for byte', () => {
    const entry = pklEntries.find(([name]) => name === 'labels_p4_int.pkl')![1];
    const bytes = rightOf(encodeLabelPickle(entry.names, entry.labels, 'labels.pkl'));
    expect(sha256(bytes)).toBe(entry.sha256);
  });

  it('broken_truncated.pkl: names the file, the frame that runs past the end, and the shortfall', async () => {
    const file = fixturePath('formats', 'broken_truncated.pkl');
    const error = leftOf(await run(readLabelPickle(file)));
    expect(error).toMatchObject({ _tag: 'DataFileError', format: 'pickle', file });
    expect(error.position).toBe('byte 11 (FRAME at byte 2)');
    expect(error.expected).toBe('198 bytes of frame');
    expect(error.found).toBe('93 bytes before end of file');
  });
});

describe.each(['ntu-processed', 'pku-processed'])('%s label files', (folder) => {
  type Split = { files: Record<string, { names?: string[]; labels?: number[] }> };
  const splits = HAVE_FIXTURES
    ? Object.entries(readManifest<{ splits: Record<string, Split> }>(folder).splits)
    : [];
  it.skipIf(!HAVE_FIXTURES).each(splits)('%s', async (split, content) => {
    const [benchmark, part] = split.split('/') as [string, string];
    const expected = content.files[`${split}_label.pkl`]!;
    const labels = rightOf(await run(readLabelPickle(fixturePath(folder, benchmark, `${part}_label.pkl`))));
    expect(labels.labels).toEqual(expected.labels);
    if (expected.names !== undefined) expect(labels.names).toEqual(expected.names);
  });
});

describe('label pickles from NumPy 2 and other producers', () => {
  const names = ['A01N01-L.txt_0', 'A01N01-L.txt_1', 'A02N03-M.txt_5'];

  it.each([
    ['np2_float64_p2', [0, 59, 12]],
    ['np2_float64_p4', [0, 59, 12]],
    ['np2_float64_p5', [0, 59, 12]],
    ['np2_int32_p3', [3, 0, 70000]],
    ['np2_big_endian_int64_p4', [5, 300, 1]],
    ['np2_uint8_p4', [1, 255, 0]],
    ['py_float_p4', [1, 2, 3]],
    ['py_list_not_tuple_p4', [1, 2, 3]],
  ] as const)('%s', (name, labels) => {
    expect(rightOf(decodeLabelPickle(pythonMade(name), name))).toEqual({ names, labels });
  });

  it.each([
    ['np2_non_integral_float_p4', 'labels[1]', 'numpy.float64 2.5'],
    ['py_negative_int_p4', 'labels[1]', 'int -1'],
    ['py_big_int_p4', 'labels[1]', `int ${2 ** 70}`],
    ['py_length_mismatch_p4', 'labels', '2 labels'],
  ] as const)('%s is refused at %s', (name, position, found) => {
    const error = leftOf(decodeLabelPickle(pythonMade(name), name));
    expect(error).toMatchObject({ format: 'pickle', file: name, position, found });
  });

  it.each(['evil_os_system_p4', 'evil_os_system_p2'] as const)(
    '%s: os.system is refused, not called',
    (name) => {
      const error = leftOf(unpickle(pythonMade(name), name));
      expect(error.format).toBe('pickle');
      expect(error.found).toBe('posix.system (refused: never executed)');
      expect(error.expected).toContain('numpy.dtype');
      expect(error.position).toMatch(/^byte \d+ \((STACK_)?GLOBAL/);
    },
  );
});

describe('label file structure', () => {
  const decode = (value: PicklableValue) => decodeLabelPickle(picklePython(value), 's.pkl');

  it('refuses a top level that is not a pair, names that are not str, labels that are not a list', () => {
    expect(leftOf(decode({ kind: 'tuple', items: [['a'], [1n], [2n]] }))).toMatchObject({
      position: 'top level',
      found: 'a tuple of 3 items',
    });
    expect(
      leftOf(
        decode({
          kind: 'tuple',
          items: [
            ['a', 7n],
            [1n, 2n],
          ],
        }),
      ),
    ).toMatchObject({
      position: 'names[1]',
      found: 'int',
    });
    expect(leftOf(decode({ kind: 'tuple', items: [['a'], 'b'] }))).toMatchObject({
      position: 'labels',
      found: 'str',
    });
    expect(leftOf(decode('just a string'))).toMatchObject({ position: 'top level', found: 'str' });
  });
});

describe('hand-made malformed pickles', () => {
  const decode = (...bytes: number[]) => unpickle(Uint8Array.from(bytes), 'x.pkl');

  it('an unknown opcode names itself and its byte', () => {
    expect(leftOf(decode(0x80, 4, 0x55, 0))).toMatchObject({
      position: "byte 2 (0x55 'U')",
      found: "0x55 'U'",
    });
  });

  it('a pickle without STOP ends with a named error', () => {
    expect(leftOf(decode(0x80, 4, 0x4e))).toMatchObject({ position: 'byte 3', found: 'end of file' });
  });

  it('protocol 0/1 and unknown protocols are refused', () => {
    expect(leftOf(decode(0x80, 6, 0x2e))).toMatchObject({ found: 'protocol 6' });
  });

  it('invalid UTF-8 in a string is refused, not replaced', () => {
    expect(leftOf(decode(0x80, 4, 0x8c, 2, 0xc3, 0x28, 0x2e))).toMatchObject({
      expected: 'UTF-8 text',
      position: 'byte 4 (SHORT_BINUNICODE at byte 2)',
    });
  });

  it('APPENDS without MARK and BINGET of an unset memo slot are refused', () => {
    expect(leftOf(decode(0x80, 4, 0x5d, 0x65, 0x2e)).expected).toBe('a MARK before this opcode');
    expect(leftOf(decode(0x80, 4, 0x68, 3, 0x2e)).found).toBe('3');
  });

  it('LONG1 decodes two’s complement as Python does', () => {
    // 0x8a LONG1, 2 bytes 0x00 0xff = -256; empty payload = 0.
    expect(rightOf(decode(0x80, 4, 0x8a, 2, 0x00, 0xff, 0x2e))).toBe(-256n);
    expect(rightOf(decode(0x80, 4, 0x8a, 0, 0x2e))).toBe(0n);
  });
});

describe('dicts, persistent ids and policies', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  // PROTO 2, EMPTY_DICT, MARK, 'a' → 1, 2 → None, SETITEMS, STOP
  const dict = bytes(0x80, 2, 0x7d, 0x28, 0x8c, 1, 0x61, 0x4b, 1, 0x4b, 2, 0x4e, 0x75, 0x2e);

  it('reads dicts in insertion order, str and int keys alike', () => {
    const value = rightOf(unpickle(dict, 'd.pkl'));
    expect(isKind(value, 'dict') && [...value.entries]).toEqual([
      ['a', 1n],
      [2n, null],
    ]);
  });

  it('refuses an unhashable key, naming its type', () => {
    // PROTO 2, EMPTY_DICT, EMPTY_LIST, NONE, SETITEM, STOP
    expect(leftOf(unpickle(bytes(0x80, 2, 0x7d, 0x5d, 0x4e, 0x73, 0x2e), 'k.pkl')).found).toBe('list');
  });

  it('refuses persistent ids unless the policy resolves them, and calls only its globals', () => {
    // PROTO 2, SHORT_BINUNICODE 'x', BINPERSID, STOP
    const persistent = bytes(0x80, 2, 0x8c, 1, 0x78, 0x51, 0x2e);
    expect(leftOf(unpickle(persistent, 'p.pkl')).expected).toBe('no persistent ids in label files');
    const policy: UnpicklePolicy = {
      content: 'tests',
      globals: new Map(),
      persistentLoad: (id) => ({ kind: 'extension', type: 'loaded', value: id }),
    };
    expect(rightOf(unpickle(persistent, 'p.pkl', policy))).toEqual({
      kind: 'extension',
      type: 'loaded',
      value: 'x',
    });
    // The label policy's globals are not this policy's: numpy.dtype is refused here.
    const dtype = bytes(0x80, 2, 0x63, ...new TextEncoder().encode('numpy\ndtype\n'), 0x2e);
    expect(leftOf(unpickle(dtype, 'g.pkl', policy)).found).toBe('numpy.dtype (refused: never executed)');
  });

  it('unpickleAt reads pickles one after the other, saying where each ends', () => {
    const two = new Uint8Array([...dict, ...bytes(0x80, 2, 0x4b, 7, 0x2e)]);
    const first = rightOf(unpickleAt(two, 'two.pkl', LABEL_PICKLE_POLICY, 0));
    expect(first.end).toBe(dict.length);
    expect(rightOf(unpickleAt(two, 'two.pkl', LABEL_PICKLE_POLICY, first.end)).value).toBe(7n);
  });
});

describe('writing label pickles', () => {
  const tempDir = useTempDir();

  it('matches Python for 0, 1, 2, 3, 1000, 1001 and 2001 names (APPEND vs batched APPENDS)', () => {
    // sha256 of pickle.dumps((['n%d' % i for i in range(n)], [i % 300 for i in range(n)]), protocol=4).
    const python: Record<number, string> = {
      0: '675cb726efbb6286f8836cb48445360b9c7b8b1b3b4f59026eb016f82d332cc9',
      1: '215a1197ad510d95e92e8c15c856693a502291bdd929fabaf7e1a0ce9d16f2cc',
      2: 'ca5d1400e497af44cd3f56a55f2c67a7b330766d177f4660ec5f02a5d74c817f',
      3: 'bfb70347844eca2b6e10bff46ec66e0d538bbd2fa7a4141a48e231b75bf16183',
      1000: '875ca16b4230963dadaa02364ab60215462a45f2daae0b819f157d182084d7e7',
      1001: '11fff94553c56b6d7a5b1c35a6c382ef4abc7dc2b1e1ce1bed21323c523a01a4',
      2001: '98f969e06abebd59e9e902fbb3c987c50ec553367b125a95b50b5fc9ca25faca',
    };
    for (const [count, digest] of Object.entries(python)) {
      const n = Number(count);
      const names = Array.from({ length: n }, (_, i) => `n${i}`);
      const labels = Array.from({ length: n }, (_, i) => i % 300);
      expect(sha256(rightOf(encodeLabelPickle(names, labels, 'x.pkl'))), `n = ${n}`).toBe(digest);
    }
  });

  it('matches Python across frames, for a 70 kB name (written unframed) and labels up to 2^53 - 1', () => {
    const pad = (value: number) => String(value).padStart(3, '0');
    const names = Array.from(
      { length: 5000 },
      (_, i) =>
        `S${pad(1 + (i % 17))}C${pad(1 + (i % 3))}P${pad(1 + (i % 40))}R${pad(1 + (i % 2))}A${pad(1 + (i % 60))}.skeleton`,
    );
    names[7] = 'x'.repeat(70000);
    names[9] = 'naïve 动作 🏃';
    const labels = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 120);
    [labels[3], labels[4], labels[5], labels[6], labels[8]] = [2 ** 31, 2 ** 40, 65536, 256, 2 ** 53 - 1];
    const bytes = rightOf(encodeLabelPickle(names, labels, 'x.pkl'));
    expect(bytes.length).toBe(240050);
    expect(sha256(bytes)).toBe('6603738f09955349fec9e7d2d2bb57c9ef6d5febae335f6995ef90c12c3022ac');
    expect(rightOf(decodeLabelPickle(bytes, 'x.pkl'))).toEqual({ names, labels });
  });

  it('round-trips any names and labels (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.maxSafeNat()), {
          maxLength: 60,
        }),
        (rows) => {
          const names = rows.map(([name]) => name);
          const labels = rows.map(([, label]) => label);
          const bytes = rightOf(encodeLabelPickle(names, labels, 'x.pkl'));
          expect(rightOf(decodeLabelPickle(bytes, 'x.pkl'))).toEqual({ names, labels });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses labels that are not class indices, mismatched lengths and lone surrogates', () => {
    expect(leftOf(encodeLabelPickle(['a', 'b'], [0, 1.5], 'x.pkl'))).toMatchObject({
      position: 'labels[1]',
      found: '1.5',
    });
    expect(leftOf(encodeLabelPickle(['a'], [-1], 'x.pkl'))).toMatchObject({ position: 'labels[0]' });
    expect(leftOf(encodeLabelPickle(['a'], [], 'x.pkl'))).toMatchObject({ position: 'labels', found: '0' });
    expect(leftOf(encodeLabelPickle(['ok', 'bad\ud800'], [1, 2], 'x.pkl'))).toMatchObject({
      position: 'names[1]',
    });
  });

  it('writes atomically: the file appears complete, no temporary file is left', async () => {
    const file = path.join(tempDir(), 'train_label.pkl');
    rightOf(await run(writeLabelPickle(file, ['S001.skeleton'], [3])));
    expect(rightOf(await run(readLabelPickle(file)))).toEqual({ names: ['S001.skeleton'], labels: [3] });
    expect(readFileSync(file).length).toBeGreaterThan(0);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(tempDir())).toEqual(['train_label.pkl']);
  });

  it('reports a missing directory as an io error naming the file', async () => {
    const file = path.join(tempDir(), 'missing', 'x.pkl');
    expect(leftOf(await run(writeLabelPickle(file, [], [])))).toMatchObject({ format: 'io', file });
  });
});
