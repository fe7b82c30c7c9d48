import type { Filter } from '../scheduler/Filter.js';

/**
 * The host has room for every requested resource and one more container: kube-scheduler's
 * NodeResourcesFit filter ("Insufficient cpu", "Too many pods").
 */
export function resourceFit(): Filter {
  let reasons: string[] = [];
  return {
    name: 'ResourceFit',
    prepare: (_request, cluster) => {
      if (reasons.length !== cluster.resources.size) reasons = cluster.resources.names.map((n) => `Insufficient ${n}`);
      return true;
    },
    check: (request, host) => {
      if (host.containerCount >= host.maxContainers) return 'Too many containers';
      const req = request.requests;
      const cap = host.capacity;
      const allocated = host.allocated;
      for (let r = 0; r < req.length; r++) {
        const need = req[r]!;
        if (need > 0 && allocated[r]! + need > cap[r]!) return reasons[r]!;
      }
      return null;
    },
  };
}
