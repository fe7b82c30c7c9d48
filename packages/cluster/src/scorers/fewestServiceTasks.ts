import type { Scorer } from '../scheduler/Scorer.js';
import { defaultNormalize } from '../scheduler/Scorer.js';

/**
 * The number of containers of the request's service already on the host, as raw score: SwarmKit's
 * first ordering key (moby/swarmkit manager/scheduler/scheduler.go `nodeLess`: fewer active tasks of
 * this service first). Does not apply to containers without a service. Normalised in reverse: the host
 * with fewest replicas scores 100.
 */
export function fewestServiceTasks(): Scorer {
  return {
    name: 'FewestServiceTasks',
    prepare: (request) => request.service !== undefined,
    score: (request, host) => host.serviceCount(request.service!),
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
