import { type Either, left, right } from 'fp-ts/lib/Either.js';
import type { SkeletonLayout } from './layout.js';

/** Why a layout is unusable: which layout, which field, what was expected and found. */
export interface LayoutError {
  readonly _tag: 'LayoutError';
  readonly layout: string;
  /** The offending field, with the index where there is one: `parents[3]`, `mirrorPairs[2]`. */
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
}

function layoutError(layout: string, field: string, expected: string, found: string): LayoutError {
  return {
    _tag: 'LayoutError',
    layout,
    field,
    expected,
    found,
    message: `layout ${layout}: ${field}: expected ${expected}, found ${found}`,
  };
}

/**
 * Checks that a layout (built-in or user-supplied, e.g. from a JSON config) is consistent:
 * joint indices in range, parents forming a forest whose roots are self-parented, bones joining
 * two distinct joints, and mirror pairs joining two distinct joints with no joint in two pairs.
 * Returns the first problem found.
 */
export function validateLayout(layout: SkeletonLayout): Either<LayoutError, SkeletonLayout> {
  const problem = findProblem(layout);
  return problem === undefined ? right(layout) : left(problem);
}

function findProblem(layout: SkeletonLayout): LayoutError | undefined {
  const joints = layout.jointNames.length;
  const fail = (field: string, expected: string, found: string) =>
    layoutError(layout.name, field, expected, found);
  const isJoint = (index: number) => Number.isInteger(index) && index >= 0 && index < joints;
  const range = `a joint index in [0, ${joints})`;

  if (joints === 0) return fail('jointNames', 'at least one joint', 'none');
  const seen = new Set<string>();
  for (const [index, name] of layout.jointNames.entries()) {
    if (seen.has(name)) return fail(`jointNames[${index}]`, 'a unique name', `duplicate "${name}"`);
    seen.add(name);
  }
  if (layout.parents.length !== joints) {
    return fail('parents', `${joints} entries (one per joint)`, `${layout.parents.length}`);
  }
  for (const [joint, parent] of layout.parents.entries()) {
    if (!isJoint(parent)) return fail(`parents[${joint}]`, range, `${parent}`);
  }
  const cycle = firstJointOnCycle(layout.parents);
  if (cycle !== undefined) {
    return fail(`parents[${cycle}]`, 'a chain of parents ending at a self-parented root', 'a cycle');
  }
  if (!isJoint(layout.centerJoint)) return fail('centerJoint', range, `${layout.centerJoint}`);
  for (const field of ['verticalBone', 'horizontalBone'] as const) {
    const [from, to] = layout[field];
    if (!isJoint(from) || !isJoint(to) || from === to) {
      return fail(field, `two distinct joints, each ${range}`, `[${from}, ${to}]`);
    }
  }
  const paired = new Set<number>();
  for (const [index, [a, b]] of layout.mirrorPairs.entries()) {
    if (!isJoint(a) || !isJoint(b) || a === b) {
      return fail(`mirrorPairs[${index}]`, `two distinct joints, each ${range}`, `[${a}, ${b}]`);
    }
    for (const joint of [a, b]) {
      if (paired.has(joint))
        return fail(`mirrorPairs[${index}]`, 'each joint in at most one pair', `${joint} again`);
      paired.add(joint);
    }
  }
  return undefined;
}

/** A joint from which following parents never reaches a self-parented root, if any. */
function firstJointOnCycle(parents: readonly number[]): number | undefined {
  for (let start = 0; start < parents.length; start++) {
    let joint = start;
    // A path without a cycle reaches its root in fewer than `parents.length` steps.
    for (let step = 0; step < parents.length && parents[joint] !== joint; step++) joint = parents[joint]!;
    if (parents[joint] !== joint) return start;
  }
  return undefined;
}
