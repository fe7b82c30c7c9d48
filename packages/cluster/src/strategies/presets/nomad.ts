import { defaultFilters } from '../../filters/defaultFilters.js';
import type { Scorer, WeightedScorer } from '../../scheduler/Scorer.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { type CandidateSampler, nomadLimit } from '../../scheduler/sampling/CandidateSampler.js';
import { nomadBinpack } from '../../scorers/nomadBinpack.js';
import { nomadPlacementScore } from '../../scorers/nomadPlacementScore.js';
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
 * A container with Nomad `affinity` or `spread` blocks (`nomad` in its template) is ranked instead by
 * {@link nomadPlacementScore}, the mean of the fit, affinity and spread scores as Nomad's
 * ScoreNormalizationIterator takes it, over `max(count, 100)` candidates ({@link nomadLimit}).
 * Left out: the job anti-affinity and reschedule-penalty iterators.
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
  const bare = algorithm === 'binpack' ? nomadBinpack() : nomadSpread();
  // The bare fit score ranks containers without Nomad blocks; the others get the combined score.
  const fit: Scorer = { ...bare, prepare: (request) => request.nomad === undefined };
  const blocks: WeightedScorer = { scorer: nomadPlacementScore(algorithm), weight: 1 };
  return {
    name,
    filters: defaultFilters(),
    selector: new ScoredSelector(
      name,
      options?.scorers ?? [{ scorer: fit, weight: 1 }, blocks],
      options?.sampler ?? nomadLimit(),
    ),
    preemption: options?.preemption ?? false,
  };
}
