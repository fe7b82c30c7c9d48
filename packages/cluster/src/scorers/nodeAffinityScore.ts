import { matchesRequirement } from '../scheduler/PlacementRequest.js';
import { defaultNormalize, type Scorer } from '../scheduler/Scorer.js';

/**
 * kube-scheduler's NodeAffinity score: the sum of the weights of the preferred affinity terms the host
 * matches, normalised so the best host scores 100. Skipped for containers with no preferences.
 */
export function nodeAffinityScore(): Scorer {
  return {
    name: 'NodeAffinity',
    prepare: (request) => request.preferredAffinity.length > 0,
    score: (request, host) => {
      let sum = 0;
      for (const term of request.preferredAffinity)
        if (matchesRequirement(host.labels, term.requirement)) sum += term.weight;
      return sum;
    },
    normalize: (scores, count) => defaultNormalize(scores, count, false),
  };
}
