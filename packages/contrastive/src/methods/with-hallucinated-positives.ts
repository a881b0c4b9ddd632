import { forkRandom } from '@halp/random';
import * as tf from '@tensorflow/tfjs-core';
import {
  createHallucinationTerm,
  type Hallucinated,
  type HallucinationTermState,
} from './hallucination-term.js';
import { HALP_OPTIONS, type HalpOptions, halpOptionRelations } from './halp-options.js';
import {
  defineMethod,
  type MethodBenchmark,
  type MethodDefinition,
  type PreparedStep,
  type PretrainingMethod,
} from './method.js';
import type { OptionsSchema } from './method-options.js';
import { streamTermName } from './term-names.js';

interface WithHalpPrepared extends PreparedStep {
  readonly base: PreparedStep;
  /** Per stream index: positives hallucinated from its keys (null while warming up or unused). */
  readonly hallucinated: readonly (Hallucinated | null)[];
}

/**
 * HaLP on top of another method (docs/method.md §2–3): L = L_base + μ·Σ_pairs L_HaLP. For every
 * InfoNCE pair of the base method (a query contrasted with a key stream's key and queue), positives
 * are hallucinated from that key stream's keys towards prototypes of its queue, and the pair's query
 * is pulled towards them: MoCo → HaLP, ISC → ISC + HaLP, CMD → HaLP + CMD (the paper's best row).
 * Each key stream keeps its own prototypes and warm-up counter.
 *
 * The options are the base method's plus HaLP's (`mu`, `numPrototypes`, …; see `HALP_OPTIONS`),
 * resolved once and split between the two.
 */
export function withHallucinatedPositives<BaseOptions>(
  base: MethodDefinition<BaseOptions>,
  name: string,
  description: string,
  benchmark?: MethodBenchmark,
): MethodDefinition<BaseOptions & HalpOptions> {
  const baseNames = Object.keys(base.options);
  const baseOptions = (options: BaseOptions & HalpOptions): BaseOptions =>
    Object.fromEntries(
      baseNames.map((option) => [option, options[option as keyof BaseOptions]]),
    ) as BaseOptions;
  return defineMethod<BaseOptions & HalpOptions>({
    name,
    description,
    ...(benchmark === undefined ? {} : { benchmark }),
    options: { ...base.options, ...HALP_OPTIONS } as OptionsSchema<BaseOptions & HalpOptions>,
    optionRelations: (options) => [
      ...(base.plugin.optionRelations?.(baseOptions(options)) ?? []),
      ...halpOptionRelations(options),
    ],
    streams: (options, stream) => base.plugin.streams(baseOptions(options), stream),
    create(context): PretrainingMethod {
      const settings: HalpOptions = context.options;
      const baseMethod = base.plugin.create({ ...context, options: baseOptions(context.options) });
      const keyStreams = [...new Set(baseMethod.contrastPairs.map((pair) => pair.keys))];
      const terms = new Map(
        keyStreams.map((index) => [index, createHallucinationTerm(settings, context.queueSize)]),
      );
      let lastMetrics: Record<string, number> = {};
      const metricName = (metric: string, index: number) => streamTermName(metric, context.streams, index);

      return {
        name,
        contrastPairs: baseMethod.contrastPairs,
        async prepare(step) {
          const prepared = await baseMethod.prepare(step);
          const hallucinated: (Hallucinated | null)[] = step.streams.map(() => null);
          for (const [index, term] of terms) {
            hallucinated[index] = await term.prepare(
              step.streams[index]!,
              forkRandom(step.random, `halp ${index}`),
            );
          }
          return {
            base: prepared,
            hallucinated,
            dispose() {
              prepared.dispose();
              tf.dispose(hallucinated.map((entry) => entry?.tensors ?? []) as unknown as tf.TensorContainer);
            },
          };
        },
        lossTerms(queries, step, prepared: WithHalpPrepared) {
          const losses: Record<string, tf.Scalar> = baseMethod.lossTerms(queries, step, prepared.base);
          lastMetrics = {};
          for (const { query, keys } of baseMethod.contrastPairs) {
            const hallucinated = prepared.hallucinated[keys];
            lastMetrics[metricName('active', keys)] = hallucinated ? 1 : 0;
            if (!hallucinated) continue;
            lastMetrics[metricName('keptFraction', keys)] = hallucinated.keptFraction;
            losses[metricName('halp', query)] = terms
              .get(keys)!
              .loss(queries[query]!, hallucinated, context.temperature);
          }
          return losses;
        },
        async afterStep(step) {
          await baseMethod.afterStep(step);
          for (const [index, term] of terms) {
            await term.afterStep(
              step.streams[index]!,
              step.step,
              forkRandom(step.random, `prototypes ${index}`),
            );
          }
        },
        metrics: () => ({ ...baseMethod.metrics(), ...lastMetrics }),
        saveState: async () => ({
          base: await baseMethod.saveState(),
          hallucination: await Promise.all(
            [...terms].map(async ([index, term]) => [index, await term.saveState()]),
          ),
        }),
        restoreState(state) {
          const saved = state as { base: unknown; hallucination: [number, HallucinationTermState][] };
          baseMethod.restoreState(saved.base);
          for (const [index, termState] of saved.hallucination) terms.get(index)?.restoreState(termState);
        },
        dispose() {
          baseMethod.dispose();
          for (const term of terms.values()) term.dispose();
        },
      } satisfies PretrainingMethod<WithHalpPrepared>;
    },
  });
}
