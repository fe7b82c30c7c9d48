import { argumentError } from '@berth/kernel';
import type { Scorer } from '../scheduler/Scorer.js';
import { defaultNormalize } from '../scheduler/Scorer.js';

/** The resources ECS can bin-pack on (PlacementStrategy `field` of type `binpack`). */
export type EcsBinpackField = 'cpu' | 'memory';

/**
 * Amazon ECS's `binpack` placement strategy on cpu or memory (docs.aws.amazon.com/AmazonECS/latest/
 * developerguide/task-placement-strategies.html: "tasks are placed on container instances so as to
 * leave the least amount of unused CPU or memory"). Raw score: the amount of the resource the host
 * would have left after placement (millicores or MiB); the ECS strategy prefers the lowest. Normalised
 * in reverse (kube's DefaultNormalizeScore), so the tightest host scores highest.
 */
export function ecsBinpack(field: EcsBinpackField): Scorer<{ index: number }> {
  if (field !== 'cpu' && field !== 'memory') {
    throw argumentError('field', `ECS binpack works on 'cpu' or 'memory', got '${String(field)}'`);
  }
  return {
    name: `EcsBinpack(${field})`,
    // The field's position in this simulation's resource vectors.
    createState: () => ({ index: -1 }),
    prepare: (_request, cluster, _candidates, state) => {
      state.index = cluster.resources.indexOf(field);
      return state.index >= 0;
    },
    score: (request, host, _cluster, { index }) =>
      (host.capacity[index] ?? 0) - (host.allocated[index] ?? 0) - (request.requests[index] ?? 0),
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
