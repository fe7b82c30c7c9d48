import { type ArrivalProcess, argumentError, type Distribution } from '@berth/kernel';
import type { ContainerTemplate, ContainerTemplateInput } from '../scenario/scenarioSchema.js';
import { type CompiledTemplate, compileParsedTemplate, compileTemplate } from '../simulation/compileTemplate.js';
import type { StreamContext } from './StreamContext.js';
import type { StreamItem } from './StreamItem.js';
import type { WorkloadSource } from './WorkloadSource.js';

/** Options of {@link syntheticStream}. */
export interface SyntheticStreamOptions {
  /** Containers are named `<name>-0`, `<name>-1`, ... */
  readonly name: string;
  /** When containers arrive (the kernel's poissonArrivals, mmppArrivals, onOffArrivals, diurnalArrivals...). */
  readonly arrivals: ArrivalProcess;
  /** What every container shares, written as in a scenario. */
  readonly template?: ContainerTemplateInput | undefined;
  /** A distribution of sizes: each arrival takes one of these requests (scenario notation), chosen by weight. */
  readonly sizes?:
    | ReadonlyArray<{ readonly weight: number; readonly requests: ContainerTemplateInput['requests'] }>
    | undefined;
  /** Run times, ms (default: the template's duration). */
  readonly duration?: Distribution | undefined;
  /** Arrivals strictly after this time (ms, default 0) ... */
  readonly start?: number | undefined;
  /** ... and before this one (default: never ending). */
  readonly until?: number | undefined;
  /** At most this many arrivals. */
  readonly limit?: number | undefined;
}

/** The parts of a synthetic stream once its templates are compiled. */
interface SyntheticPlan {
  readonly name: string;
  readonly arrivals: ArrivalProcess;
  readonly sizes: readonly CompiledTemplate[];
  /** Cumulative weights of `sizes`, ending at their sum. */
  readonly cumulative: readonly number[];
  readonly duration: Distribution | undefined;
  readonly start: number;
  readonly until: number;
  readonly limit: number;
}

/**
 * A synthetic workload stream: containers arriving by an arrival process, each of a size drawn from
 * `sizes` and a run time drawn from `duration`, generated one at a time as simulated time reaches
 * them (memory does not grow with the stream). Draws come from the stream's own seeded stream.
 */
export function syntheticStream(options: SyntheticStreamOptions): WorkloadSource {
  return {
    name: options.name,
    open(context) {
      const template = compileTemplate(context.runtime, options.template ?? {}, ['template']);
      const sizes = (options.sizes ?? []).map((size, i) => {
        if (!(size.weight > 0 && Number.isFinite(size.weight)))
          throw argumentError(`sizes[${i}].weight`, `expected a positive weight, got ${size.weight}`);
        return compileTemplate(context.runtime, { ...(options.template ?? {}), requests: size.requests }, ['sizes', i]);
      });
      return syntheticItems(context, {
        name: options.name,
        arrivals: options.arrivals,
        sizes: sizes.length > 0 ? sizes : [template],
        cumulative: cumulativeWeights(options.sizes?.map((s) => s.weight) ?? [1]),
        duration: options.duration,
        start: options.start ?? 0,
        until: options.until ?? Number.POSITIVE_INFINITY,
        limit: options.limit ?? Number.POSITIVE_INFINITY,
      });
    },
  };
}

/** @internal A synthetic stream from a scenario's `streams` entry, its template already parsed. */
export function scenarioSyntheticStream(
  entry: {
    readonly name: string;
    readonly template: ContainerTemplate;
    readonly sizes?: ReadonlyArray<{ readonly weight: number; readonly requests: Record<string, number> }> | undefined;
    readonly start: number;
    readonly until?: number | undefined;
    readonly limit?: number | undefined;
  },
  arrivals: ArrivalProcess,
  duration: Distribution | undefined,
): WorkloadSource {
  return {
    name: entry.name,
    open(context) {
      const base = entry.template;
      const sizes = (entry.sizes ?? []).map((size) =>
        compileParsedTemplate(context.runtime, { ...base, requests: size.requests }),
      );
      return syntheticItems(context, {
        name: entry.name,
        arrivals,
        sizes: sizes.length > 0 ? sizes : [compileParsedTemplate(context.runtime, base)],
        cumulative: cumulativeWeights(entry.sizes?.map((s) => s.weight) ?? [1]),
        duration,
        start: entry.start,
        until: entry.until ?? Number.POSITIVE_INFINITY,
        limit: entry.limit ?? Number.POSITIVE_INFINITY,
      });
    },
  };
}

function* syntheticItems(context: StreamContext, plan: SyntheticPlan): Generator<StreamItem, void, undefined> {
  const { random } = context;
  const { sizes, cumulative, duration } = plan;
  const total = cumulative[cumulative.length - 1]!;
  let n = 0;
  for (const at of plan.arrivals.times(random, plan.until, plan.start)) {
    if (n >= plan.limit) return;
    let size = 0;
    if (sizes.length > 1) {
      const u = random.next() * total;
      while (size < sizes.length - 1 && u >= cumulative[size]!) size++;
    }
    const template = sizes[size]!;
    const name = `${plan.name}-${n++}`;
    const spec =
      duration === undefined ? template.spec(name) : template.spec(name, { durationMs: duration.sample(random) });
    yield { type: 'submit', at, spec };
  }
}

function cumulativeWeights(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
