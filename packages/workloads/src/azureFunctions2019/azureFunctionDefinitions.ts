import type { ScenarioInput } from '@berth/cluster';
import type { AzureFunctionDurations } from './readAzureDurations.js';
import type { AzureFunctionInvocations } from './readAzureInvocations.js';
import type { AzureAppMemory } from './readAzureMemory.js';

/** A function as a scenario's `functions.definitions` takes it. */
export type FunctionDefinitionInput = NonNullable<ScenarioInput['functions']>['definitions'][string];

/** Options of {@link azureFunctionDefinitions}. */
export interface AzureDefinitionOptions {
  /** Memory is clamped into this range, MB (default Azure Consumption's 128–1,536). */
  readonly memoryMb?: { readonly min: number; readonly max: number } | undefined;
  /** Memory of a function whose application has no memory row, MB (default 128). */
  readonly defaultMemoryMb?: number | undefined;
  /** Handler time of a function with no durations row, ms (default 1,000). */
  readonly defaultDurationMs?: number | undefined;
  /**
   * `'counts'` (default): each definition replays its counts per minute. `'streamed'`: definitions
   * without arrivals, for a stream of the invocations table (format `azure-functions-2019-invocations`)
   * to invoke them as simulated time advances.
   */
  readonly invocations?: 'counts' | 'streamed' | undefined;
}

/** z for the 99th percentile of a standard normal distribution. */
const Z99 = 2.3263478740408408;

/**
 * Turns Azure Functions 2019 trace rows into function definitions for a scenario: invocations replayed
 * per minute (`counts`), memory from the application's average allocation (the trace records memory per
 * application), and a handler time drawn from a lognormal distribution with the function's average
 * duration as its mean and the spread of its 50th and 99th percentiles (σ = ln(p99 / p50) / z₀.₉₉), an
 * approximation: the trace gives percentiles of per-interval averages, not of single executions.
 * Functions are named by their `HashFunction`; with no invocation at all a function is left out.
 */
export function azureFunctionDefinitions(
  invocations: Iterable<AzureFunctionInvocations>,
  durations: Iterable<AzureFunctionDurations> = [],
  memory: Iterable<AzureAppMemory> = [],
  options: AzureDefinitionOptions = {},
): Record<string, FunctionDefinitionInput> {
  const range = options.memoryMb ?? { min: 128, max: 1536 };
  const byFunction = new Map<string, AzureFunctionDurations>();
  for (const d of durations) byFunction.set(d.function, d);
  const byApp = new Map<string, AzureAppMemory>();
  for (const m of memory) byApp.set(m.app, m);
  const out: Record<string, FunctionDefinitionInput> = {};
  for (const row of invocations) {
    if (!row.counts.some((n) => n > 0)) continue;
    const appMemory = byApp.get(row.app)?.averageMb ?? options.defaultMemoryMb ?? 128;
    const memoryMb = Math.min(range.max, Math.max(range.min, Math.ceil(appMemory)));
    const handler = handlerOf(byFunction.get(row.function), options.defaultDurationMs ?? 1000);
    out[row.function] =
      options.invocations === 'streamed'
        ? { memory: memoryMb, handler }
        : { memory: memoryMb, handler, invocations: { process: 'counts', counts: [...row.counts], every: 60_000 } };
  }
  return out;
}

function handlerOf(d: AzureFunctionDurations | undefined, fallbackMs: number): FunctionDefinitionInput['handler'] {
  const mean = d === undefined ? fallbackMs : d.average;
  if (!(mean > 0)) return { dist: 'constant', value: 0 };
  const { p50, p99 } = d?.percentiles ?? { p50: 0, p99: 0 };
  if (!(p50 > 0 && p99 > p50)) return { dist: 'constant', value: mean };
  const sigma = Math.log(p99 / p50) / Z99;
  return { dist: 'lognormal', mean, cv: Math.sqrt(Math.expm1(sigma * sigma)) };
}
