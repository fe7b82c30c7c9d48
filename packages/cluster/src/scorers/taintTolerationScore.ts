import { tolerates } from '../hosts/Taint.js';
import { defaultNormalize, type Scorer } from '../scheduler/Scorer.js';

/**
 * kube-scheduler's TaintToleration score: counts the host's PreferNoSchedule taints that the
 * container does not tolerate, then normalises in reverse (fewest intolerable taints → 100).
 */
export function taintTolerationScore(): Scorer<{ checkedHosts: number; anySoftTaint: boolean }> {
  return {
    name: 'TaintToleration',
    // Host taints never change, so whether any host has a soft taint is known once per host count.
    createState: () => ({ checkedHosts: -1, anySoftTaint: false }),
    uniform: (_request, cluster, state) => {
      if (state.checkedHosts !== cluster.hosts.length) {
        state.checkedHosts = cluster.hosts.length;
        state.anySoftTaint = cluster.hosts.some((h) => h.taints.some((t) => t.effect === 'PreferNoSchedule'));
      }
      // No soft taints anywhere: every host counts 0 intolerable taints.
      return state.anySoftTaint ? null : 0;
    },
    score: (request, host) => {
      let count = 0;
      for (const taint of host.taints) {
        if (taint.effect !== 'PreferNoSchedule') continue;
        let ok = false;
        for (const t of request.tolerations) {
          if ((t.effect === undefined || t.effect === 'PreferNoSchedule') && tolerates(t, taint)) {
            ok = true;
            break;
          }
        }
        if (!ok) count += 1;
      }
      return count;
    },
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
