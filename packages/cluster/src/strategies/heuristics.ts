import { defaultFilters } from '../filters/defaultFilters.js';
import type { WeightedScorer } from '../scheduler/Scorer.js';
import type { Selector } from '../scheduler/Selector.js';
import type { Strategy } from '../scheduler/Strategy.js';
import { allHosts, type CandidateSampler, randomSample } from '../scheduler/sampling/CandidateSampler.js';
import { balancedAllocation } from '../scorers/balancedAllocation.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { mostAllocated } from '../scorers/mostAllocated.js';
import { bestFit, firstFit, roundRobin, worstFit } from '../selectors/FitSelector.js';
import { ScoredSelector } from '../selectors/ScoredSelector.js';
import type { StrategyContext, StrategyFactory } from './StrategyFactory.js';

/**
 * The classic heuristics, as opposed to the presets that imitate a real system: one kube-scheduler
 * scorer over every host (`least-allocated`, `most-allocated`, `balanced-allocation`), the random and
 * power-of-two-choices baselines, and the bin-packing fits over a capacity index (`first-fit`,
 * `best-fit`, `worst-fit`, `round-robin`). Each applies the default filters. The scored ones honour
 * the scenario's `scheduler.sampling` and `scheduler.scorers`; the fits ignore them; all honour
 * `scheduler.preemption` (off by default).
 */
export const HEURISTICS: Readonly<Record<string, StrategyFactory>> = {
  'least-allocated': (c) => scored('least-allocated', c, [{ scorer: leastAllocated(), weight: 1 }]),
  'most-allocated': (c) => scored('most-allocated', c, [{ scorer: mostAllocated(), weight: 1 }]),
  'balanced-allocation': (c) => scored('balanced-allocation', c, [{ scorer: balancedAllocation(), weight: 1 }]),
  random: (c) => scored('random', c, [], randomSample(1)),
  'power-of-two-choices': (c) =>
    scored('power-of-two-choices', c, [{ scorer: leastAllocated(), weight: 1 }], randomSample(2)),
  'first-fit': (c) => fit(c, firstFit()),
  'best-fit': (c) => fit(c, bestFit()),
  'worst-fit': (c) => fit(c, worstFit()),
  'round-robin': (c) => fit(c, roundRobin()),
};

function scored(
  name: string,
  c: StrategyContext,
  scorers: WeightedScorer[],
  sampler: CandidateSampler = allHosts(),
): Strategy {
  return {
    name,
    filters: defaultFilters(),
    selector: new ScoredSelector(name, c.scorers ?? scorers, c.sampler ?? sampler),
    preemption: c.config.preemption ?? false,
  };
}

function fit(c: StrategyContext, selector: Selector): Strategy {
  return { name: selector.name, filters: defaultFilters(), selector, preemption: c.config.preemption ?? false };
}
