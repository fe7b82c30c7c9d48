import type { Scenario } from '@berth/cluster';
import { runScenario } from '../run/runScenario.js';
import type { CompareRun } from './CompareRun.js';
import { readCompareMetrics } from './compareMetrics.js';
import { functionCompareMetrics } from './functionCompareMetrics.js';
import { gpuCompareMetrics } from './gpuCompareMetrics.js';

/**
 * One run of a comparison: the parsed scenario under `strategy` with `seed`, keeping no event in memory.
 * Every strategy sees the same seeds, so the same arrivals and failures (common random numbers).
 */
export function runComparePair(
  scenario: Scenario,
  until: number | undefined,
  strategy: string,
  seed: number,
): CompareRun {
  const run = runScenario(scenario, { strategy, seed, until, eventLog: { keep: 'none' } });
  const { traffic, slo, autoscaling, nodeScaling } = run;
  const metrics = readCompareMetrics(run.metrics, run.availability, { traffic, slo, autoscaling, nodeScaling });
  return {
    strategy,
    seed,
    metrics: { ...metrics, ...functionCompareMetrics(run.functions), ...gpuCompareMetrics(run.gpu) },
  };
}
