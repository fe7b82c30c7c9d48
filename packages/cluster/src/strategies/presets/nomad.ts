import { defaultFilters } from '../../filters/defaultFilters.js';
import type { WeightedScorer } from '../../scheduler/Scorer.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { type CandidateSampler, nomadLimit } from '../../scheduler/sampling/CandidateSampler.js';
import { nomadBinpack } from '../../scorers/nomadBinpack.js';
import { nomadSpread } from '../../scorers/nomadSpread.js';
import { ScoredSelector } from '../../selectors/ScoredSelector.js';

/** Nomad's `scheduler_algorithm` settings. */
export type NomadAlgorithm = 'binpack' | 'spread';

/**
 * HashiCorp Nomad's service-job placement (scheduler/stack.go, scheduler/rank.go, nomad/structs/funcs.go):
 * feasibility filters, then hosts visited in random order until `max(2, ceil(log2 N))` feasible ones
 * are found ({@link nomadLimit}), each ranked by the fit score of the cluster's `scheduler_algorithm`
 * ({@link nomadBinpack}, the default, or {@link nomadSpread}); the best wins, ties at random. No
 * preemption unless asked for (Nomad enables it by default only for system jobs).
 * Left out: the job anti-affinity, reschedule-penalty, affinity and spread-stanza iterators that
 * Nomad averages with the fit score, and the raised candidate limit they bring.
 */
export function nomadStrategy(
  algorithm: NomadAlgorithm,
  options?: {
    readonly sampler?: CandidateSampler | undefined;
    readonly scorers?: readonly WeightedScorer[] | undefined;
    readonly preemption?: boolean | undefined;
  },
): Strategy {
  if (algorithm !== 'binpack' && algorithm !== 'spread') {
    throw new RangeError(`unknown Nomad scheduler algorithm '${String(algorithm)}'; known: binpack, spread`);
  }
  const name = `nomad-${algorithm}`;
  const fit = algorithm === 'binpack' ? nomadBinpack() : nomadSpread();
  return {
    name,
    filters: defaultFilters(),
    selector: new ScoredSelector(
      name,
      options?.scorers ?? [{ scorer: fit, weight: 1 }],
      options?.sampler ?? nomadLimit(),
    ),
    preemption: options?.preemption ?? false,
  };
}
