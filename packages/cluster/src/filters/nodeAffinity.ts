import type { Filter } from '../scheduler/Filter.js';
import { matchesRequirement } from '../scheduler/PlacementRequest.js';

/**
 * The host's labels match the container's node selector and required affinity: kube-scheduler's
 * NodeAffinity filter (nodeSelector plus requiredDuringScheduling match expressions, all ANDed).
 */
export function nodeAffinity(): Filter {
  return {
    name: 'NodeAffinity',
    prepare: (request) => request.affinity.length > 0 || Object.keys(request.nodeSelector).length > 0,
    check: (request, host) => {
      for (const key in request.nodeSelector) {
        if (host.labels[key] !== request.nodeSelector[key]) return "host didn't match the node selector";
      }
      for (const requirement of request.affinity) {
        if (!matchesRequirement(host.labels, requirement)) return "host didn't match the required affinity";
      }
      return null;
    },
  };
}
