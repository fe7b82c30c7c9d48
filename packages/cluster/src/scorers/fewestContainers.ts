import type { Scorer } from '../scheduler/Scorer.js';
import { defaultNormalize } from '../scheduler/Scorer.js';

/**
 * The number of containers bound to the host, as raw score: Swarm classic's tie-break after equal
 * weights (spread prefers fewer, binpack more) and SwarmKit's second key (fewer active tasks in total).
 * Normalised in reverse (kube's DefaultNormalizeScore with reverse): the emptiest host scores 100.
 */
export function fewestContainers(): Scorer {
  return {
    name: 'FewestContainers',
    score: (_request, host) => host.containerCount,
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
