import { isTolerated } from '../hosts/Taint.js';
import type { Filter } from '../scheduler/Filter.js';

/** Hosts with a NoSchedule or NoExecute taint the container does not tolerate are out: kube-scheduler's TaintToleration filter. */
export function taintToleration(): Filter<{ checkedHosts: number; anyHardTaint: boolean }> {
  return {
    name: 'TaintToleration',
    // Host taints never change, so whether any host has a hard taint is known once per host count; with
    // none, the filter has nothing to check (PreFilter skip).
    createState: () => ({ checkedHosts: -1, anyHardTaint: false }),
    prepare: (_request, cluster, state) => {
      if (state.checkedHosts !== cluster.hosts.length) {
        state.checkedHosts = cluster.hosts.length;
        state.anyHardTaint = cluster.hosts.some((h) => h.taints.some((t) => t.effect !== 'PreferNoSchedule'));
      }
      return state.anyHardTaint;
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
