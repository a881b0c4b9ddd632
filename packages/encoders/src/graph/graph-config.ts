import { type ConfigProblem, describeValue } from '../config-problems.js';
import type { HeadKind } from '../head.js';
import { ATTENTION_CHANNEL_DIVISOR } from './graph-variables.js';

const POSITIVE_INTEGER_FIELDS = ['inputChannels', 'joints', 'bodies', 'embeddingSize'] as const;
const HEAD_KINDS: readonly HeadKind[] = ['linear', 'mlp'];

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/**
 * Checks a value read from outside (a config file, a saved model) field by field; returns the
 * problems, empty when the value is a valid `GraphEncoderConfig`. Nested fields are named by their
 * path (`edges[3][1]`, `blocks[0].channels`).
 */
export function graphConfigProblems(value: unknown): ConfigProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: '(config)', expected: 'an object', found: describeValue(value) }];
  }
  const record = value as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  const problem = (field: string, expected: string, found: unknown) =>
    problems.push({ field, expected, found: describeValue(found) });

  if (record.kind !== 'graph') problem('kind', '"graph"', record.kind);
  for (const field of POSITIVE_INTEGER_FIELDS) {
    if (!isPositiveInteger(record[field])) problem(field, 'a positive integer', record[field]);
  }
  const joints = isPositiveInteger(record.joints) ? record.joints : null;
  // Without a valid joint count, indices can only be checked to be natural numbers.
  const jointIndex = joints === null ? 'a joint index' : `an integer in [0, ${joints - 1}]`;
  const isJointIndex = (index: unknown) =>
    typeof index === 'number' && Number.isInteger(index) && index >= 0 && (joints === null || index < joints);

  if (!isJointIndex(record.center)) problem('center', jointIndex, record.center);
  if (!Array.isArray(record.edges)) problem('edges', 'an array of [joint, joint] pairs', record.edges);
  else {
    record.edges.forEach((edge: unknown, e) => {
      if (!Array.isArray(edge) || edge.length !== 2) problem(`edges[${e}]`, 'a [joint, joint] pair', edge);
      else if (!isJointIndex(edge[0])) problem(`edges[${e}][0]`, jointIndex, edge[0]);
      else if (!isJointIndex(edge[1])) problem(`edges[${e}][1]`, jointIndex, edge[1]);
      else if (edge[0] === edge[1]) problem(`edges[${e}]`, 'two different joints', edge);
    });
  }
  problems.push(...blockProblems(record.blocks, record.adaptive === true));
  const kernel = record.temporalKernel;
  if (!(isPositiveInteger(kernel) && kernel % 2 === 1))
    problem('temporalKernel', 'a positive odd integer', kernel);
  if (typeof record.adaptive !== 'boolean') problem('adaptive', 'a boolean', record.adaptive);
  if (!HEAD_KINDS.includes(record.head as HeadKind))
    problem('head', `one of ${HEAD_KINDS.join(', ')}`, record.head);
  return problems;
}

/** Blocks: a non-empty array of { channels, stride }; adaptive blocks need room for the attention. */
function blockProblems(blocks: unknown, adaptive: boolean): ConfigProblem[] {
  if (!Array.isArray(blocks) || blocks.length === 0) {
    return [
      {
        field: 'blocks',
        expected: 'a non-empty array of { channels, stride }',
        found: describeValue(blocks),
      },
    ];
  }
  const minimumChannels = adaptive ? ATTENTION_CHANNEL_DIVISOR : 1;
  return blocks.flatMap((block: unknown, b): ConfigProblem[] => {
    if (typeof block !== 'object' || block === null) {
      return [
        { field: `blocks[${b}]`, expected: 'an object { channels, stride }', found: describeValue(block) },
      ];
    }
    const { channels, stride } = block as Record<string, unknown>;
    const found: ConfigProblem[] = [];
    if (!(isPositiveInteger(channels) && channels >= minimumChannels)) {
      const expected =
        minimumChannels > 1
          ? `an integer ≥ ${minimumChannels} (the adaptive graph's attention)`
          : 'a positive integer';
      found.push({ field: `blocks[${b}].channels`, expected, found: describeValue(channels) });
    }
    if (!isPositiveInteger(stride)) {
      found.push({
        field: `blocks[${b}].stride`,
        expected: 'a positive integer',
        found: describeValue(stride),
      });
    }
    return found;
  });
}
