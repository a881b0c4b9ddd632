import { BACKEND_CANDIDATES } from '@halp/backend';
import { builtInMethods, type MethodRegistry } from '@halp/contrastive';
import { configProblems } from '@halp/encoders';
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_PRETRAIN_CONFIG, type PretrainConfig, REPRESENTATIONS } from './config.js';
import { streamEncoderConfig } from './stream-encoders.js';
import { configuredStreams } from './training-state.js';

/** One thing wrong with a configuration: where (a dotted path), what was expected, what was found. */
export interface ConfigIssue {
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

/** Formats issues one per line, e.g. `optimizer.learningRate: expected a positive number, found -1`. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => `${issue.path}: expected ${issue.expected}, found ${issue.found}`).join('\n');
}

/**
 * Validates a configuration read from outside (JSON file, CLI flags) and fills in the defaults.
 * Unknown keys, wrong types and out-of-range values are all reported, each with its path; method
 * options are checked against the chosen method's option schema.
 */
export function parsePretrainConfig(
  input: unknown,
  methods: MethodRegistry = builtInMethods,
  defaults: PretrainConfig = DEFAULT_PRETRAIN_CONFIG,
): E.Either<readonly ConfigIssue[], PretrainConfig> {
  const issues: ConfigIssue[] = [];
  const merged = mergeWithDefaults(
    input ?? {},
    defaults,
    '',
    issues,
    new Set(['methodOptions']),
  ) as PretrainConfig;

  const method = methods.get(merged.method);
  let methodOptions: Readonly<Record<string, unknown>> = {};
  if (method === undefined) {
    issues.push({
      path: 'method',
      expected: `one of ${methods.names.join(', ')}`,
      found: show(merged.method),
    });
  } else if (!isPlainObject(merged.methodOptions)) {
    issues.push({ path: 'methodOptions', expected: 'an object', found: show(merged.methodOptions) });
  } else {
    const optionIssues = method.optionIssues(merged.methodOptions);
    for (const issue of optionIssues) issues.push({ ...issue, path: `methodOptions.${issue.path}` });
    if (optionIssues.length === 0) {
      methodOptions = method.resolveOptions(merged.methodOptions) as Readonly<Record<string, unknown>>;
    }
  }
  const config: PretrainConfig = { ...merged, methodOptions };
  issues.push(...rangeIssues(config));
  if (method !== undefined && issues.length === 0) issues.push(...streamIssues(config, methods));
  return issues.length > 0 ? E.left(issues) : E.right(config);
}

const BACKENDS: readonly string[] = ['auto', ...BACKEND_CANDIDATES];

/**
 * The encoder sizes of the representations the method's streams use (`encoder.*`, `graphEncoder.*`, `imageEncoder.*`). Sizes are checked
 * on a stand-in graph of two joints; the real shape is only known from the data.
 */
function streamIssues(config: PretrainConfig, methods: MethodRegistry): ConfigIssue[] {
  const representations = new Set(configuredStreams(config, methods).map((stream) => stream.representation));
  const issues: ConfigIssue[] = [];
  const standIn = { layout: STAND_IN_LAYOUT, channels: 3, bodies: 1 };
  const paths = { sequence: 'encoder', graph: 'graphEncoder', image: 'imageEncoder' } as const;
  for (const representation of REPRESENTATIONS) {
    if (!representations.has(representation)) continue;
    for (const problem of configProblems(streamEncoderConfig(config, representation, standIn))) {
      issues.push({
        path: `${paths[representation]}.${problem.field}`,
        expected: problem.expected,
        found: problem.found,
      });
    }
  }
  return issues;
}

const STAND_IN_LAYOUT = {
  name: 'stand-in',
  jointNames: ['a', 'b'],
  parents: [0, 0],
  centerJoint: 0,
  verticalBone: [0, 1],
  horizontalBone: [0, 1],
  mirrorPairs: [],
} as const;
const MODALITIES = ['joint', 'motion', 'bone'];

function rangeIssues(config: PretrainConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (path: string, value: unknown, ok: boolean, expected: string): void => {
    if (!ok) issues.push({ path, expected, found: show(value) });
  };
  const positiveInteger = (path: string, value: number): void =>
    check(path, value, Number.isInteger(value) && value > 0, 'a positive integer');
  const nonNegativeInteger = (path: string, value: number): void =>
    check(path, value, Number.isInteger(value) && value >= 0, 'a non-negative integer');
  const inUnitInterval = (path: string, value: number): void =>
    check(path, value, value >= 0 && value <= 1, 'a number in [0, 1]');

  check('seed', config.seed, Number.isSafeInteger(config.seed), 'an integer');
  positiveInteger('frames', config.frames);
  check(
    'batchSize',
    config.batchSize,
    Number.isInteger(config.batchSize) && config.batchSize >= 2,
    'an integer ≥ 2',
  );
  positiveInteger('queueSize', config.queueSize);
  check('temperature', config.temperature, config.temperature > 0, 'a positive number');
  inUnitInterval('keyMomentum', config.keyMomentum);
  check(
    'optimizer.learningRate',
    config.optimizer.learningRate,
    config.optimizer.learningRate > 0,
    'a positive number',
  );
  check(
    'optimizer.momentum',
    config.optimizer.momentum,
    config.optimizer.momentum >= 0 && config.optimizer.momentum < 1,
    'a number in [0, 1)',
  );
  check(
    'optimizer.weightDecay',
    config.optimizer.weightDecay,
    config.optimizer.weightDecay >= 0,
    'a non-negative number',
  );
  inUnitInterval('optimizer.gamma', config.optimizer.gamma);
  for (const [i, milestone] of config.optimizer.milestones.entries()) {
    nonNegativeInteger(`optimizer.milestones[${i}]`, milestone);
  }
  positiveInteger('epochs', config.epochs);
  positiveInteger('checkpoint.every', config.checkpoint.every);
  nonNegativeInteger('knnEvery', config.knnEvery);
  check('backend', config.backend, BACKENDS.includes(config.backend), `one of ${BACKENDS.join(', ')}`);
  check('modality', config.modality, MODALITIES.includes(config.modality), `one of ${MODALITIES.join(', ')}`);
  check(
    'representation',
    config.representation,
    REPRESENTATIONS.includes(config.representation),
    `one of ${REPRESENTATIONS.join(', ')}`,
  );
  check(
    'queueSize',
    config.queueSize,
    config.queueSize >= config.batchSize,
    `at least batchSize (${config.batchSize})`,
  );
  return issues;
}

/**
 * Deep-merges `input` over `defaults`, recording unknown keys and type mismatches. Keys listed in
 * `openKeys` take any object (checked later).
 */
function mergeWithDefaults(
  input: unknown,
  defaults: unknown,
  path: string,
  issues: ConfigIssue[],
  openKeys: ReadonlySet<string>,
): unknown {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (!isPlainObject(defaults)) {
    if (Array.isArray(defaults)) {
      // Arrays of numbers are checked here; arrays of objects (a graph encoder's blocks) by their owner.
      const numbers = defaults.every((item) => typeof item === 'number');
      if (!Array.isArray(input) || (numbers && !input.every((item) => typeof item === 'number'))) {
        issues.push({ path, expected: numbers ? 'an array of numbers' : 'an array', found: show(input) });
        return defaults;
      }
      return input;
    }
    if (defaults === null) {
      if (input !== null && typeof input !== 'string')
        issues.push({ path, expected: 'a string or null', found: show(input) });
      return input;
    }
    if (typeof input !== typeof defaults || (typeof input === 'number' && !Number.isFinite(input))) {
      issues.push({
        path,
        expected: `a ${typeof defaults === 'number' ? 'finite number' : typeof defaults}`,
        found: show(input),
      });
      return defaults;
    }
    return input;
  }
  if (!isPlainObject(input)) {
    issues.push({ path: path === '' ? '(config)' : path, expected: 'an object', found: show(input) });
    return defaults;
  }
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(input)) {
    if (!(key in defaults)) {
      issues.push({
        path: at(key),
        expected: `a known key (one of ${Object.keys(defaults).join(', ')})`,
        found: 'an unknown key',
      });
      continue;
    }
    result[key] =
      openKeys.has(key) && isPlainObject(value)
        ? value
        : mergeWithDefaults(value, defaults[key], at(key), issues, new Set());
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
