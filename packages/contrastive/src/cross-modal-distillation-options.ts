import type { StreamEmbeddings } from './stream-embeddings.js';

/** One directed term of CMD: the `teacher` stream's neighbourhood distilled into the `student` stream. */
export interface DistillationPair {
  readonly teacher: number;
  readonly student: number;
}

/** Options of {@link crossModalDistillationLoss} (see there for the formula). */
export interface CrossModalDistillationOptions {
  /** How many nearest queue slots of each teacher key form the neighbourhood (CMD's `--topk`). */
  readonly topK: number;
  /** τ_t, applied to the teacher's similarities. */
  readonly teacherTemperature: number;
  /** τ_s, applied to the student's similarities. */
  readonly studentTemperature: number;
  /** The directed pairs summed; default: every ordered pair of distinct streams (6 for 3 streams). */
  readonly pairs?: readonly DistillationPair[];
}

/** The reference's settings for NTU (CMD's and HaLP's scripts: `--topk 8192 --teacher-t 0.05 --student-t 0.1`). */
export const CMD_DEFAULT_OPTIONS = {
  topK: 8192,
  teacherTemperature: 0.05,
  studentTemperature: 0.1,
} as const satisfies CrossModalDistillationOptions;

/** Every ordered pair (a, b) with a ≠ b of `streamCount` streams, teacher-major. */
export function everyOrderedPair(streamCount: number): DistillationPair[] {
  const pairs: DistillationPair[] = [];
  for (let teacher = 0; teacher < streamCount; teacher += 1) {
    for (let student = 0; student < streamCount; student += 1) {
      if (teacher !== student) pairs.push({ teacher, student });
    }
  }
  return pairs;
}

/** Rows × columns of a matrix or 2-D tensor. */
export type Shape2D = readonly [rows: number, columns: number];

/** Validated sizes and options shared by the tensor and the array form. */
export interface DistillationPlan {
  readonly batch: number;
  readonly queueSize: number;
  /** topK clamped to the queue size. */
  readonly neighbours: number;
  readonly teacherTemperature: number;
  readonly studentTemperature: number;
  readonly pairs: readonly DistillationPair[];
}

/**
 * Checks the streams' shapes and the options. Throws a RangeError unless: every stream has B ≥ 1
 * queries and keys of one dimension D, every queue holds the same K ≥ 1 slots of dimension D (CMD
 * reads slot j of the teacher's queue and of the student's queue as the same clip, which holds
 * because all streams enqueue together), topK is a positive integer, both temperatures are finite
 * and positive, and the pairs name existing streams. topK above K is clamped to K.
 */
export function planDistillation(
  shapes: readonly StreamEmbeddings<Shape2D>[],
  options: CrossModalDistillationOptions,
): DistillationPlan {
  const fail = (message: string): never => {
    throw new RangeError(`crossModalDistillationLoss: ${message}`);
  };
  const first = shapes[0] ?? fail('needs at least one stream');
  const [batch, dimension] = first.queries;
  const queueSize = first.queue[0];
  if (batch < 1) fail('needs at least one query per stream');
  if (queueSize < 1) fail('needs at least one queue slot');
  shapes.forEach((stream, i) => {
    for (const [name, [rows, columns]] of Object.entries(stream)) {
      const expectedRows = name === 'queue' ? queueSize : batch;
      if (rows !== expectedRows || columns !== dimension) {
        fail(`stream ${i} ${name} is ${rows} × ${columns}, expected ${expectedRows} × ${dimension}`);
      }
    }
  });
  const { topK, teacherTemperature, studentTemperature } = options;
  if (!Number.isInteger(topK) || topK < 1) fail(`topK must be a positive integer, got ${topK}`);
  for (const [name, value] of Object.entries({ teacherTemperature, studentTemperature })) {
    if (!(value > 0 && Number.isFinite(value))) fail(`${name} must be positive and finite, got ${value}`);
  }
  const pairs = options.pairs ?? everyOrderedPair(shapes.length);
  const isStream = (index: number) => Number.isInteger(index) && index >= 0 && index < shapes.length;
  for (const { teacher, student } of pairs) {
    if (!isStream(teacher) || !isStream(student)) {
      fail(`pair ${teacher} → ${student} names a stream outside 0..${shapes.length - 1}`);
    }
  }
  return {
    batch,
    queueSize,
    neighbours: Math.min(topK, queueSize),
    teacherTemperature,
    studentTemperature,
    pairs,
  };
}
