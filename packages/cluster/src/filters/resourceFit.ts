import { GPU } from '../resources/ResourceCatalog.js';
import type { Filter } from '../scheduler/Filter.js';

/** Below a thousandth of a GPU: device amounts are whole milli-GPU, so a shortfall this small is float dust. */
const DEVICE_SLACK = 1e-6;

/** ResourceFit's state: per-simulation reasons, and the positions of the resources this attempt's container asks for. */
interface ResourceFitState {
  /** `Insufficient <resource>` for each resource of the simulation. */
  reasons: string[];
  /** The first `count` entries: the resources the container requests, so each check loops over those only. */
  wanted: Int32Array;
  count: number;
  resourceCount: number;
}

/**
 * The host has room for every requested resource and one more container: kube-scheduler's
 * NodeResourcesFit filter ("Insufficient cpu", "Too many pods").
 */
export function resourceFit(): Filter<ResourceFitState> {
  return {
    name: 'ResourceFit',
    hostLocal: true,
    createState: () => ({ reasons: [], wanted: new Int32Array(0), count: 0, resourceCount: 0 }),
    prepare: (request, cluster, state) => {
      if (state.reasons.length !== cluster.resources.size) {
        state.reasons = cluster.resources.names.map((n) => `Insufficient ${n}`);
        state.wanted = new Int32Array(cluster.resources.size);
        state.resourceCount = cluster.resources.size;
      }
      const wanted = state.wanted;
      let count = 0;
      const req = request.requests;
      for (let r = 0; r < req.length; r++) if (req[r]! > 0) wanted[count++] = r;
      state.count = count;
      return true;
    },
    check: (request, host, cluster, state) => {
      if (host.containerCount >= host.maxContainers) return 'Too many containers';
      const req = request.requests;
      const { wanted, count, reasons } = state;
      // The cluster's free matrix holds cap − allocated, the capacity index's expression, so both agree
      // to the last bit.
      const free = cluster.free;
      const base = host.id * state.resourceCount;
      for (let i = 0; i < count; i++) {
        const r = wanted[i]!;
        const f = free[base + r]!;
        // A GPU device request's gpu amount is a sum of thousandths (0.46 + 0.54 ...): float dust must
        // not refuse a host whose devices hold it (GpuDeviceFit checks them in whole milli-GPU).
        if (f < req[r]! && !(r === GPU && request.gpu !== undefined && f + DEVICE_SLACK >= req[r]!)) return reasons[r]!;
      }
      return null;
    },
  };
}
