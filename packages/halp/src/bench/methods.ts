import { builtInMethods, type MethodRegistry } from '@halp/contrastive';

/** One row of the table: a registered method started from its family's warm-up. */
export interface BenchRow {
  /** What `--methods` and the preset's `methods` call it (`baseline`, `halp`, `isc-intra`, …). */
  readonly name: string;
  /** How the table heads it (`baseline (MoCo)`, `ISC + HaLP`, …). */
  readonly label: string;
  /** The registered method it trains. */
  readonly method: string;
  /** `resume` continues the warm-up run itself; `warm-start` starts `method` from its checkpoint. */
  readonly start: 'resume' | 'warm-start';
}

/**
 * Rows sharing a warm-up: the family's head method pretrained for the preset's `baselineEpochs`
 * (with `warmupOptions` over the preset's), then each row continued from that checkpoint.
 */
export interface BenchFamily {
  /** The registered method of the warm-up run. */
  readonly warmup: string;
  readonly warmupOptions?: Readonly<Record<string, unknown>>;
  /** Whether the streams are also evaluated together (CMD's ensemble of modalities). */
  readonly ensemble: boolean;
  readonly continuations: readonly BenchRow[];
}

/**
 * Every family of the registry's methods that declare a `benchmark`, in registry order, each row
 * where its method declares it: a newly registered method shows up in `halp bench` by itself.
 *
 * @throws RangeError when a method names a family whose head is not a benchmarked method.
 */
export function registryFamilies(methods: MethodRegistry = builtInMethods): BenchFamily[] {
  const families = new Map<string, BenchFamily & { continuations: BenchRow[] }>();
  for (const name of methods.names) {
    const benchmark = methods.get(name)!.benchmark;
    if (benchmark === undefined) continue;
    const head = benchmark.family ?? name;
    let family = families.get(head);
    if (family === undefined) {
      const headBenchmark = methods.get(head)?.benchmark;
      if (headBenchmark === undefined || headBenchmark.family !== undefined) {
        throw new RangeError(`method ${name}: its bench family "${head}" is not a method heading a family`);
      }
      family = {
        warmup: head,
        ...(headBenchmark.warmupOptions === undefined ? {} : { warmupOptions: headBenchmark.warmupOptions }),
        ensemble: headBenchmark.ensemble ?? false,
        continuations: [],
      };
      families.set(head, family);
    }
    for (const row of benchmark.rows) family.continuations.push({ ...row, method: name });
  }
  return [...families.values()];
}

/** Every row's name, in table order. */
export function benchRowNames(methods: MethodRegistry = builtInMethods): string[] {
  return registryFamilies(methods).flatMap((family) => family.continuations.map((row) => row.name));
}

/** The families needed for `rows`, each with only the requested rows. */
export function benchFamilies(
  rows: readonly string[],
  methods: MethodRegistry = builtInMethods,
): BenchFamily[] {
  return registryFamilies(methods)
    .map((family) => ({
      ...family,
      continuations: family.continuations.filter((continuation) => rows.includes(continuation.name)),
    }))
    .filter((family) => family.continuations.length > 0);
}
