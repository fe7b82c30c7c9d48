import type { Filter } from '../scheduler/Filter.js';

/**
 * The host has room for every requested resource and one more container: kube-scheduler's
 * NodeResourcesFit filter ("Insufficient cpu", "Too many pods").
 */
export function resourceFit(): Filter {
  let reasons: string[] = [];
  // Positions of the resources the container asks for, so each check loops over those only.
  let wanted = new Int32Array(0);
  let count = 0;
  let resourceCount = 0;
  return {
    name: 'ResourceFit',
    hostLocal: true,
    prepare: (request, cluster) => {
      if (reasons.length !== cluster.resources.size) {
        reasons = cluster.resources.names.map((n) => `Insufficient ${n}`);
        wanted = new Int32Array(cluster.resources.size);
        resourceCount = cluster.resources.size;
      }
      count = 0;
      const req = request.requests;
      for (let r = 0; r < req.length; r++) if (req[r]! > 0) wanted[count++] = r;
      return true;
    },
    check: (request, host, cluster) => {
      if (host.containerCount >= host.maxContainers) return 'Too many containers';
      const req = request.requests;
      // The cluster's free matrix holds cap − allocated, the capacity index's expression, so both agree
      // to the last bit.
      const free = cluster.free;
      const base = host.id * resourceCount;
      for (let i = 0; i < count; i++) {
        const r = wanted[i]!;
        if (free[base + r]! < req[r]!) return reasons[r]!;
      }
      return null;
    },
  };
}
