import { isTolerated } from '../hosts/Taint.js';
import type { Filter } from '../scheduler/Filter.js';

/** Hosts with a NoSchedule or NoExecute taint the container does not tolerate are out: kube-scheduler's TaintToleration filter. */
export function taintToleration(): Filter {
  return {
    name: 'TaintToleration',
    check: (request, host) => {
      for (const taint of host.taints) {
        if (taint.effect === 'PreferNoSchedule') continue;
        if (!isTolerated(request.tolerations, taint)) return 'host had an untolerated taint';
      }
      return null;
    },
  };
}
