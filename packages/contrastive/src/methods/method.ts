import type { Random } from '@halp/random';
import type * as tf from '@tensorflow/tfjs-core';
import type { KeyQueue } from '../key-queue.js';
import { type OptionIssue, type OptionsSchema, optionIssues, resolveOptions } from './method-options.js';

/**
 * One stream of a pretraining run: a representation of the clip (which encoder family reads it:
 * `sequence` BiGRU, `graph` GCN, `image` CNN) in one modality (`joint`, `motion`, `bone`), with its
 * own query encoder, key encoder and queue. MoCo and HaLP use one stream, ISC two representations,
 * CMD three modalities. The trainer validates the names; methods only combine streams.
 */
export interface StreamSpec {
  readonly representation: string;
  readonly modality: string;
}

/** A stream's name in checkpoints and metrics: `<representation>-<modality>`, e.g. `sequence-joint`. */
export function streamName(stream: StreamSpec): string {
  return `${stream.representation}-${stream.modality}`;
}

/** What a method sees of one stream in one step. */
export interface StreamStep {
  readonly name: string;
  /** B × D unit keys from the stream's key encoder: constants, never on the gradient tape. */
  readonly keys: tf.Tensor2D;
  /** The stream's key queue before this batch's keys are enqueued. */
  readonly queue: KeyQueue;
}

/** What a method sees of one training step. */
export interface ContrastiveStep {
  /** Global step index, 0-based, counted from the start of this run's schedule. */
  readonly step: number;
  /** One entry per stream, in the order of the method's `streams`. */
  readonly streams: readonly StreamStep[];
  /** The method's own random stream for this step. */
  readonly random: Random;
}

/** Method-specific constants computed before the gradient tape (e.g. hallucinated positives). */
export interface PreparedStep {
  dispose(): void;
}

/** Scalars a method reports for the last step, logged by the trainer (e.g. kept-positive fraction). */
export type MethodMetrics = Readonly<Record<string, number>>;

/**
 * Which queue a stream's query is contrasted with: InfoNCE(q_query; k_keys, queue_keys). MoCo pairs
 * a stream with itself; ISC pairs each representation with the other. HaLP hallucinates positives
 * from the key stream of every pair and pulls the pair's query towards them.
 */
export interface ContrastPair {
  readonly query: number;
  readonly keys: number;
}

/**
 * A contrastive pretraining method, plugged into the trainer by name. The trainer owns the
 * encoders, the optimiser and the queues; a method turns each stream's queries and keys into named
 * loss terms.
 *
 * Per step the trainer awaits `prepare` (outside the tape), calls `lossTerms` (inside the tape; the
 * terms are summed and minimised; each is checked for finiteness by name), then, after the
 * optimiser step and the enqueue, awaits `afterStep`.
 *
 * `prepare`, `afterStep` and `saveState` are asynchronous because they may read tensors back
 * (HaLP's draws and k-means run in JavaScript): only `await tensor.data()` works on every backend
 * (WebGPU under Node has no synchronous read-back). `lossTerms` runs inside the synchronous tape
 * and must therefore not read tensors back.
 */
export interface PretrainingMethod<Prepared extends PreparedStep = PreparedStep> {
  readonly name: string;
  /** The InfoNCE pairings of the method's loss (see {@link ContrastPair}). */
  readonly contrastPairs: readonly ContrastPair[];
  prepare(step: ContrastiveStep): Promise<Prepared>;
  /** `queries[i]`: B × D unit queries of stream i, on the gradient tape. */
  lossTerms(
    queries: readonly tf.Tensor2D[],
    step: ContrastiveStep,
    prepared: Prepared,
  ): Record<string, tf.Scalar>;
  afterStep(step: ContrastiveStep): Promise<void>;
  metrics(): MethodMetrics;
  /** JSON-serialisable state for checkpoints (e.g. prototypes); `restore` takes it back. */
  saveState(): Promise<unknown>;
  restoreState(state: unknown): void;
  dispose(): void;
}

/** Everything a method factory receives. */
export interface MethodContext<Options = Readonly<Record<string, unknown>>> {
  /** InfoNCE temperature τ. */
  readonly temperature: number;
  /** Queue capacity K (every stream's queue has it). */
  readonly queueSize: number;
  /** The streams, as `streams` returned them (their names key the loss terms). */
  readonly streams: readonly StreamSpec[];
  /** Method-specific options: from the configuration in a definition's `create`, resolved in a plug-in's. */
  readonly options: Options;
}

/**
 * How `halp bench` runs a method. Methods come in families sharing a warm-up: the family's plain
 * method is pretrained first, then each member continues from that checkpoint, either resuming it
 * (the plain method itself, trained on) or warm-starting from it (e.g. the method with HaLP added).
 */
export interface MethodBenchmark {
  /** The registered method whose warm-up this one continues; absent: the method heads its own family. */
  readonly family?: string;
  /** Options of the family's warm-up over the preset's (read from the family's head). */
  readonly warmupOptions?: Readonly<Record<string, unknown>>;
  /** Whether the streams are also evaluated together (CMD's ensemble of modalities; read from the head). */
  readonly ensemble?: boolean;
  /**
   * The method's rows in the table: `name` selects it (`halp bench --methods`), `label` heads it;
   * `resume` continues the warm-up run itself, with its options; `warm-start` starts this method from
   * the warm-up's checkpoint.
   */
  readonly rows: readonly {
    readonly name: string;
    readonly label: string;
    readonly start: 'resume' | 'warm-start';
  }[];
}

/**
 * What a method implements, on options already checked and completed with their defaults (see
 * {@link defineMethod}).
 */
export interface MethodPlugin<Options> {
  readonly name: string;
  readonly description: string;
  /** Every option: default, check, documentation. */
  readonly options: OptionsSchema<Options>;
  /** Checks between options, once each is valid on its own. */
  optionRelations?(options: Options): OptionIssue[];
  /**
   * The streams the method trains, given its options and the run's base stream (the configured
   * representation and modality): one for MoCo, the representation pair for ISC, the modalities
   * for CMD.
   */
  streams(options: Options, base: StreamSpec): readonly StreamSpec[];
  create(context: MethodContext<Options>): PretrainingMethod;
  /** Its rows in `halp bench`; absent: the bench does not run it. */
  readonly benchmark?: MethodBenchmark;
}

/**
 * A named method as the trainer, the config parser and the CLI see it: its plug-in, and entry
 * points that take options from outside (a config file, flags), check them against the plug-in's
 * schema and fill in the defaults.
 */
export interface MethodDefinition<Options = object> {
  readonly name: string;
  readonly description: string;
  readonly options: OptionsSchema<Options>;
  readonly plugin: MethodPlugin<Options>;
  readonly benchmark?: MethodBenchmark;
  /** Unknown options and invalid values of `input`, each named; empty when valid. */
  optionIssues(input: Readonly<Record<string, unknown>>): OptionIssue[];
  /**
   * `input` completed with the defaults.
   *
   * @throws RangeError `<method> option <name>: expected <what>, found <value>` when invalid.
   */
  resolveOptions(input: Readonly<Record<string, unknown>>): Options;
  /** The plug-in's streams for options from outside (throws as {@link resolveOptions}). */
  streams(input: Readonly<Record<string, unknown>>, base: StreamSpec): readonly StreamSpec[];
  /** The plug-in's method for options from outside (throws as {@link resolveOptions}). */
  create(context: MethodContext): PretrainingMethod;
}

/** The definition of a plug-in: its entry points resolve the options once, then call it. */
export function defineMethod<Options>(plugin: MethodPlugin<Options>): MethodDefinition<Options> {
  const relations = plugin.optionRelations?.bind(plugin);
  const resolve = (input: Readonly<Record<string, unknown>>): Options =>
    resolveOptions(plugin.name, plugin.options, input, relations);
  return {
    name: plugin.name,
    description: plugin.description,
    options: plugin.options,
    plugin,
    ...(plugin.benchmark === undefined ? {} : { benchmark: plugin.benchmark }),
    optionIssues: (input) => optionIssues(plugin.options, input, relations),
    resolveOptions: resolve,
    streams: (input, base) => plugin.streams(resolve(input), base),
    create: (context) => plugin.create({ ...context, options: resolve(context.options) }),
  };
}

/** A step's work that needs no preparation. */
export const nothingPrepared: PreparedStep = { dispose: () => undefined };
