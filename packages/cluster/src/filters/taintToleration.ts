import { isTolerated } from '../hosts/Taint.js';
import type { Filter } from '../scheduler/Filter.js';

/** Hosts with a NoSchedule or NoExecute taint the container does not tolerate are out: kube-scheduler's TaintToleration filter. */
export function taintToleration(): Filter {
  // Host taints never change, so whether any host has a hard taint is known once per host count; with
  // none, the filter has nothing to check (PreFilter skip).
  let checkedHosts = -1;
  let anyHardTaint = false;
  return {
    name: 'TaintToleration',
    prepare: (_request, cluster) => {
      if (checkedHosts !== cluster.hosts.length) {
        checkedHosts = cluster.hosts.length;
        anyHardTaint = cluster.hosts.some((h) => h.taints.some((t) => t.effect !== 'PreferNoSchedule'));
      }
      return anyHardTaint;
    },
    check: (request, host) => {
      for (const taint of host.taints) {
        if (taint.effect === 'PreferNoSchedule') continue;
        if (!isTolerated(request.tolerations, taint)) return 'host had an untolerated taint';
      }
      return null;
    },
  };
}
